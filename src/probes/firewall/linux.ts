/**
 * Linux firewalls (platform-reference §5.1): ufw and firewalld, the front-ends, and the kernel's
 * ruleset they fill, read with nft (iptables only where nft is absent). Only the firewalls present
 * are listed; none at all gives an empty list.
 */
import { describeFailure, type RunResult } from '../../core/runner.js'
import { lastValue, parseKeyFile } from '../accounts/key-file-linux.js'
import { readSystemText } from '../accounts/system-text-linux.js'
import type { ProbeContext } from '../probe.js'
import { linuxProcesses } from '../software/processes-linux.js'
import { exists } from '../updates/system-files.js'
import { iptablesFilterInput, nftablesFilterInput } from './rules-linux.js'
import type { FirewallFacts } from './schema.js'

type Profile = FirewallFacts['profiles'][number]
interface Found {
  profile: Profile
  problem?: string
}

/** nft and iptables live in /usr/sbin, outside an ordinary user's PATH (platform-reference §5.1). */
const NFT = '/usr/sbin/nft'
const IPTABLES = '/usr/sbin/iptables'
const RULES_TIMEOUT_MS = 5_000

export async function collectLinuxFirewall(ctx: ProbeContext): Promise<FirewallFacts> {
  const found = await Promise.all([ufw(ctx), firewalld(ctx), kernelRules(ctx)])
  const present = found.filter((entry): entry is Found => entry !== null)
  return {
    profiles: present.map((entry) => entry.profile),
    thirdParty: [],
    problems: present.flatMap((entry) => (entry.problem ? [entry.problem] : [])),
  }
}

/**
 * ufw(8) keeps `ENABLED=yes|no` in /etc/ufw/ufw.conf, readable by everyone: whether it starts at
 * boot, which is what `ufw enable` sets (`ufw status` itself needs root).
 */
async function ufw(ctx: ProbeContext): Promise<Found | null> {
  const text = await readSystemText(ctx, '/etc/ufw/ufw.conf')
  if (text === null) return null
  const enabled = lastValue(parseKeyFile(text), () => true, 'ENABLED')?.toLowerCase()
  const on = enabled === 'yes' ? true : enabled === 'no' ? false : null
  return { profile: { name: 'ufw', enabled: on }, problem: on === null ? '/etc/ufw/ufw.conf: no ENABLED=yes|no' : undefined }
}

/** firewalld runs as a daemon of that name: running is what `firewall-cmd --state` reports. */
async function firewalld(ctx: ProbeContext): Promise<Found | null> {
  if (!(await exists(ctx, '/usr/sbin/firewalld'))) return null
  const processes = await linuxProcesses(ctx)
  if (!processes) return { profile: { name: 'firewalld', enabled: null }, problem: '/proc cannot be listed: firewalld state unknown' }
  return { profile: { name: 'firewalld', enabled: processes.some((process) => process.name === 'firewalld') } }
}

async function kernelRules(ctx: ProbeContext): Promise<Found | null> {
  if (await exists(ctx, NFT)) {
    const result = await ctx.run(NFT, ['-j', 'list', 'ruleset'], { timeoutMs: RULES_TIMEOUT_MS })
    const enabled = result.exitCode === 0 ? nftablesFilterInput(result.stdout) : null
    return { profile: { name: 'nftables', enabled }, problem: enabled === null ? rulesProblem('nftables', result) : undefined }
  }
  if (await exists(ctx, IPTABLES)) {
    const result = await ctx.run(IPTABLES, ['-S', 'INPUT'], { timeoutMs: RULES_TIMEOUT_MS })
    const enabled = result.exitCode === 0 ? iptablesFilterInput(result.stdout) : null
    return { profile: { name: 'iptables', enabled }, problem: enabled === null ? rulesProblem('iptables', result) : undefined }
  }
  return null
}

/** Without root both print "Operation not permitted" / "Permission denied (you must be root)" (captured, Debian 12). */
function rulesProblem(name: string, result: RunResult): string {
  if (result.exitCode === 0) return `${name}: unreadable rule listing`
  if (/not permitted|permission denied|must be root/i.test(result.stderr)) return `${name}: reading the rules needs root`
  return describeFailure(name, result)
}
