// Pending updates on Debian and Ubuntu from apt's own simulation, memoized while its inputs are unchanged.
import { z } from 'zod'
import type { ProbeContext } from '../probe.js'
import { runAccepted, securityPackageList, type ManagerReport, type PendingCounts } from './manager-report.js'
import { inputsKey, readMemo, writeMemo, type MemoInputs } from './memo.js'
import { anyExists, mtimeOf } from './system-files.js'

/**
 * `-s` simulates without root, offline, from the last downloaded lists; NoLocking lets it run next to a running
 * apt. dist-upgrade also lists the held-back packages that need new dependencies (platform reference §3.2.1).
 */
export const APT_SIMULATION = ['-s', '-o', 'Debug::NoLocking=1', 'dist-upgrade'] as const
/** 2-4 s is normal on a desktop; the limit leaves the probe time to return the other facts. */
const APT_TIMEOUT_MS = 45_000

/** `Inst pkg [installed] (candidate Origin:Version/Archive, ... [arch])` (platform reference, Appendix C). */
const APT_INST = /^Inst (\S+) (?:\[([^\]]+)\] )?\((\S+) ([^)]*)\)/
/** Archive ending in -security (`Debian-Security:12/oldstable-security`, `Ubuntu:24.04/noble-security`). */
const SECURITY_ORIGIN = /(^|, )[^,]*:[^,/]*\/[^,\s]*-security\b/

/**
 * Counts the `Inst` lines of `apt-get -s` output and those coming from a security archive. Only `Inst` lines are
 * read: they are not translated, while the rest of the output is (it must still run in the C locale).
 */
/**
 * apt's closing line, "N upgraded, N newly installed, N to remove and N not upgraded.": four numbers
 * in whatever language, so an output without it (a stand-in, a broken apt) is not read as "nothing pending".
 */
const APT_SUMMARY = /^\d+\D+\d+\D+\d+\D+\d+\D*$/m

/** The pending counts, or null when the output is not what `apt-get -s` prints. */
export function parseAptSimulation(output: string): PendingCounts | null {
  if (!APT_SUMMARY.test(output)) return null
  let pending = 0
  const security: string[] = []
  for (const line of output.split('\n')) {
    if (!line.startsWith('Inst ')) continue
    pending++
    const match = APT_INST.exec(line)
    if (match && SECURITY_ORIGIN.test(match[4]!)) security.push(match[1]!)
  }
  return {
    pendingUpdates: pending,
    pendingSecurityUpdates: security.length,
    securityPackages: securityPackageList(security),
  }
}

/** What `apt-get -s dist-upgrade` reads to decide (apt.conf(5), sources.list(5), apt_preferences(5), dpkg status). */
const SIMULATION_INPUTS: Omit<MemoInputs, 'extra'> = {
  files: [
    '/var/lib/dpkg/status',
    '/var/lib/dpkg/arch',
    '/var/lib/apt/extended_states',
    '/etc/apt/sources.list',
    '/etc/apt/preferences',
    '/etc/apt/apt.conf',
  ],
  dirs: ['/var/lib/apt/lists', '/etc/apt/sources.list.d', '/etc/apt/preferences.d', '/etc/apt/apt.conf.d'],
}
const MEMO_NAME = 'updates-apt'
/** Bump when the parser or the memo's shape changes, so old memos are not reused. */
const MEMO_FORMAT = 'apt-memo/1'

const PendingCountsSchema = z.object({
  pendingUpdates: z.number().int(),
  pendingSecurityUpdates: z.number().int().nullable(),
  securityPackages: z.array(z.string()),
})

async function simulationKey(ctx: ProbeContext): Promise<string> {
  return inputsKey(ctx, { ...SIMULATION_INPUTS, extra: [MEMO_FORMAT, ctx.host.arch, APT_SIMULATION.join(' ')] })
}

async function pendingFromApt(ctx: ProbeContext, problems: string[]): Promise<PendingCounts | null> {
  const memo = ctx.cacheDir === null ? null : { dir: ctx.cacheDir, key: await simulationKey(ctx) }
  if (memo) {
    const remembered = await readMemo(memo.dir, MEMO_NAME, memo.key, PendingCountsSchema)
    if (remembered) return remembered
  }
  const result = await runAccepted(ctx, 'apt-get', APT_SIMULATION, (code) => code === 0, APT_TIMEOUT_MS, problems)
  if (!result) return null
  const counts = parseAptSimulation(result.stdout)
  if (!counts) {
    problems.push(`apt-get ${APT_SIMULATION.join(' ')}: output is not what apt prints (no summary line)`)
    return null
  }
  // The key was taken before apt read its inputs: should one change meanwhile, the memo sits under a key that can
  // never come back (ctime only moves forward), so it is never served, rather than a stale one under the new key.
  if (memo) await writeMemo(memo.dir, MEMO_NAME, memo.key, counts)
  return counts
}

/**
 * The stamp written after a successful `apt update` (APT::Update::Post-Invoke-Success hook), else the lists
 * directory itself: its mtime moves when update replaces a list, whereas the lists' own mtimes are the server's
 * Last-Modified (platform reference §3.2.1).
 */
async function indexRefreshedAt(ctx: ProbeContext): Promise<Date | null> {
  return (await mtimeOf(ctx, '/var/lib/apt/periodic/update-success-stamp')) ?? mtimeOf(ctx, '/var/lib/apt/lists')
}

/** Written by update-notifier-common (Ubuntu) or reboot-notifier (Debian) when an update needs a restart. */
const REBOOT_FLAGS = ['/var/run/reboot-required', '/run/reboot-required']

export async function collectApt(ctx: ProbeContext): Promise<ManagerReport> {
  const problems: string[] = []
  const [pending, refreshedAt, rebootRequired] = await Promise.all([
    pendingFromApt(ctx, problems),
    indexRefreshedAt(ctx),
    anyExists(ctx, REBOOT_FLAGS),
  ])
  return { packageManager: 'apt', pending, indexRefreshedAt: refreshedAt, rebootRequired, problems }
}
