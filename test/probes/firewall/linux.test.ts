// Linux firewall: ufw from its config file, firewalld by its process, the kernel's input filtering from recorded nft and iptables output.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { collectLinuxFirewall } from '../../../src/probes/firewall/linux.js'
import { iptablesFilterInput, nftablesFilterInput } from '../../../src/probes/firewall/rules-linux.js'
import { FirewallFactsSchema } from '../../../src/probes/firewall/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/firewall/${name}`, import.meta.url), 'utf8')
/** The guide's capture of `nft -j list ruleset` with ufw active (INPUT chains with policy drop). */
const ufwRuleset = () => readFile(new URL('../../fixtures/linux/nft_ruleset.json', import.meta.url), 'utf8')

const NFT = '/usr/sbin/nft -j list ruleset'
const IPTABLES = '/usr/sbin/iptables -S INPUT'
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

interface Machine {
  files?: Record<string, string | TreeFile>
  nft?: StubAnswer
  iptables?: StubAnswer
}

/** Collects the firewall facts of a temp system root; nft or iptables exist there only when an answer is given. */
async function firewall({ files = {}, nft, iptables }: Machine) {
  const root = await tempTree({
    'proc/1/stat': stat(1, 'systemd'),
    ...(nft ? { 'usr/sbin/nft': '' } : {}),
    ...(iptables ? { 'usr/sbin/iptables': '' } : {}),
    ...files,
  })
  const stub = commandStub()
  if (nft) stub.on(NFT, nft)
  if (iptables) stub.on(IPTABLES, iptables)
  const facts = FirewallFactsSchema.parse(await collectLinuxFirewall(testContext({ host: { systemRoot: root }, run: stub.run })))
  stub.assertAllUsed()
  return facts
}

describe('Linux firewall: ufw', () => {
  it("reads Debian's shipped ufw.conf (ENABLED=no until `ufw enable`) as off", async () => {
    const facts = await firewall({ files: { 'etc/ufw/ufw.conf': await fixture('ufw.conf') } })
    expect(facts).toEqual({ profiles: [{ name: 'ufw', enabled: false }], thirdParty: [], problems: [] })
  })

  it('reads ENABLED=yes as on, whatever the case of the value', async () => {
    const on = (await fixture('ufw.conf')).replace('ENABLED=no', 'ENABLED=YES')
    expect((await firewall({ files: { 'etc/ufw/ufw.conf': on } })).profiles).toEqual([{ name: 'ufw', enabled: true }])
  })

  it('leaves ufw unknown, with a problem, when ufw.conf has no ENABLED line', async () => {
    const facts = await firewall({ files: { 'etc/ufw/ufw.conf': 'LOGLEVEL=low\n' } })
    expect(facts.profiles).toEqual([{ name: 'ufw', enabled: null }])
    expect(facts.problems).toEqual(['/etc/ufw/ufw.conf: no ENABLED=yes|no'])
  })

  it('lists nothing on a system without any firewall (this VM)', async () => {
    expect(await firewall({})).toEqual({ profiles: [], thirdParty: [], problems: [] })
  })
})

describe('Linux firewall: the kernel ruleset (nft)', () => {
  it.each([
    ['nft-input-drop.json', true, 'an input chain with policy drop and rules'],
    ['nft-debian-default.json', false, "Debian's /etc/nftables.conf: input chain, policy accept, no rule"],
    ['nft-forward-only.json', false, 'a Docker-like NAT and forward ruleset: nothing on the input hook'],
    ['nft-empty.json', false, 'no table at all'],
  ])('%s → filtering %s (%s)', async (file, enabled) => {
    const facts = await firewall({ nft: { stdout: await fixture(file) } })
    expect(facts).toEqual({ profiles: [{ name: 'nftables', enabled }], thirdParty: [], problems: [] })
  })

  it('sees the INPUT chains ufw fills (captured with ufw active)', async () => {
    const facts = await firewall({ files: { 'etc/ufw/ufw.conf': 'ENABLED=yes\n' }, nft: { stdout: await ufwRuleset() } })
    expect(facts.profiles).toEqual([
      { name: 'ufw', enabled: true },
      { name: 'nftables', enabled: true },
    ])
  })

  it('counts an input chain with accept policy once a rule is in it, and only rules of that chain', async () => {
    const ruleset = JSON.parse(await fixture('nft-debian-default.json')) as { nftables: unknown[] }
    const rule = (chain: string) => ({ rule: { family: 'inet', table: 'filter', chain, handle: 9, expr: [{ drop: null }] } })
    const withOutputRule = JSON.stringify({ nftables: [...ruleset.nftables, rule('output')] })
    expect(nftablesFilterInput(withOutputRule)).toBe(false)
    const withInputRule = JSON.stringify({ nftables: [...ruleset.nftables, rule('input')] })
    expect(nftablesFilterInput(withInputRule)).toBe(true)
  })

  it('is unknown (null) with a "needs root" problem when nft runs without root', async () => {
    const facts = await firewall({ nft: { exitCode: 1, stderr: await fixture('nft-nonroot.stderr.txt') } })
    expect(facts).toEqual({ profiles: [{ name: 'nftables', enabled: null }], thirdParty: [], problems: ['nftables: reading the rules needs root'] })
  })

  it('keeps ufw on when nft needs root: one readable active firewall is enough', async () => {
    const facts = await firewall({
      files: { 'etc/ufw/ufw.conf': 'ENABLED=yes\n' },
      nft: { exitCode: 1, stderr: await fixture('nft-nonroot.stderr.txt') },
    })
    expect(facts.profiles).toEqual([
      { name: 'ufw', enabled: true },
      { name: 'nftables', enabled: null },
    ])
  })

  it('describes other failures and unreadable output as such', async () => {
    const timedOut = await firewall({ nft: { timedOut: true } })
    expect(timedOut.problems).toEqual(['nftables: timed out'])
    const garbled = await firewall({ nft: { stdout: 'table inet filter {\n' } })
    expect(garbled).toMatchObject({ profiles: [{ name: 'nftables', enabled: null }], problems: ['nftables: unreadable rule listing'] })
  })
})

describe('Linux firewall: iptables where nft is absent', () => {
  it('reads an INPUT policy of DROP as filtering, and ACCEPT without rules as not', async () => {
    expect((await firewall({ iptables: { stdout: await fixture('iptables-input-drop.txt') } })).profiles).toEqual([
      { name: 'iptables', enabled: true },
    ])
    expect((await firewall({ iptables: { stdout: await fixture('iptables-input-empty.txt') } })).profiles).toEqual([
      { name: 'iptables', enabled: false },
    ])
  })

  it('counts ACCEPT policy with -A INPUT rules as filtering', () => {
    expect(iptablesFilterInput('-P INPUT ACCEPT\n-A INPUT -p tcp --dport 22 -j DROP\n')).toBe(true)
    expect(iptablesFilterInput('-P INPUT ACCEPT\n-A FORWARD -j DROP\n')).toBe(false)
  })

  it('is unknown with a "needs root" problem as an ordinary user (exit 4)', async () => {
    const facts = await firewall({ iptables: { exitCode: 4, stderr: await fixture('iptables-nonroot.stderr.txt') } })
    expect(facts).toMatchObject({ profiles: [{ name: 'iptables', enabled: null }], problems: ['iptables: reading the rules needs root'] })
  })

  it('asks nft only when both exist (iptables-nft fills the same ruleset)', async () => {
    const root = await tempTree({ 'usr/sbin/nft': '', 'usr/sbin/iptables': '' })
    const stub = commandStub().on(NFT, { stdout: await fixture('nft-input-drop.json') })
    const facts = await collectLinuxFirewall(testContext({ host: { systemRoot: root }, run: stub.run }))
    stub.assertAllUsed()
    expect(stub.calls).toEqual([NFT])
    expect(facts.profiles).toEqual([{ name: 'nftables', enabled: true }])
  })
})

describe('Linux firewall: firewalld', () => {
  it('is on while its daemon runs and off when it does not', async () => {
    const running = await firewall({ files: { 'usr/sbin/firewalld': '', 'proc/640/stat': stat(640, 'firewalld') } })
    expect(running.profiles).toEqual([{ name: 'firewalld', enabled: true }])
    const stopped = await firewall({ files: { 'usr/sbin/firewalld': '' } })
    expect(stopped.profiles).toEqual([{ name: 'firewalld', enabled: false }])
  })

  it('is unknown when /proc cannot be listed', async () => {
    const root = await tempTree({ 'usr/sbin/firewalld': '' })
    const facts = await collectLinuxFirewall(testContext({ host: { systemRoot: root } }))
    expect(facts).toEqual({
      profiles: [{ name: 'firewalld', enabled: null }],
      thirdParty: [],
      problems: ['/proc cannot be listed: firewalld state unknown'],
    })
  })
})
