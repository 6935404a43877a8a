// The firewall probe on a Mac: the application firewall from socketfilterfw, else its profile or preferences.
import { describe, expect, it } from 'vitest'
import { firewallProbe } from '../../../src/probes/firewall/index.js'
import type { FirewallFacts } from '../../../src/probes/firewall/schema.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import { collectOnMac, plistDict } from '../macos/macos-test-kit.js'

const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate'
/** What socketfilterfw answers on a Mac whose firewall a profile manages (Mondoo's tests, macOS 26.5). */
const MANAGED_REPLY = 'Firewall settings cannot be modified from command line on managed Mac computers.\n'
const MANAGED = 'Library/Managed Preferences/com.apple.security.firewall.plist'
const ALF = 'Library/Preferences/com.apple.alf.plist'

async function collect(socketfilterfw: StubAnswer, system: Record<string, string> = {}): Promise<FirewallFacts> {
  return collectOnMac(firewallProbe, { system, commands: [[SOCKETFILTERFW, socketfilterfw]] })
}

function applicationFirewall(enabled: boolean | null): FirewallFacts['profiles'] {
  return [{ name: 'application-firewall', enabled }]
}

describe('firewall probe on macOS', () => {
  it('reads states 1 and 2 (block all incoming) as on, 0 as off', async () => {
    expect(await collect({ stdout: 'Firewall is enabled. (State = 1)\n' })).toEqual({
      profiles: applicationFirewall(true),
      thirdParty: [],
      problems: [],
    })
    expect((await collect({ stdout: 'Firewall is enabled. (State = 2)\n' })).profiles).toEqual(applicationFirewall(true))
    const off = await collect({ stdout: 'Firewall is disabled. (State = 0)\n' })
    expect(off).toEqual({ profiles: applicationFirewall(false), thirdParty: [], problems: [] })
    expect((await collect({ stdout: 'Firewall is enabled.\n' })).profiles).toEqual(applicationFirewall(true))
  })

  it('falls back to the managing profile when socketfilterfw will not say', async () => {
    const facts = await collect({ stdout: MANAGED_REPLY }, { [MANAGED]: plistDict({ EnableFirewall: true }) })
    expect(facts.profiles).toEqual(applicationFirewall(true))
    expect(facts.problems).toEqual([`${SOCKETFILTERFW}: unexpected output "${MANAGED_REPLY.trim()}"`])
  })

  it('falls back to com.apple.alf globalstate when socketfilterfw is missing', async () => {
    const off = await collect({ notFound: true }, { [ALF]: plistDict({ globalstate: 0 }) })
    expect(off.profiles).toEqual(applicationFirewall(false))
    expect(off.problems).toEqual([`${SOCKETFILTERFW}: command not found`])
    const essential = await collect({ notFound: true }, { [ALF]: plistDict({ globalstate: 2 }) })
    expect(essential.profiles).toEqual(applicationFirewall(true))
  })

  it('says unknown when no source answers, never off', async () => {
    const facts = await collect({ timedOut: true })
    expect(facts.profiles).toEqual(applicationFirewall(null))
    expect(facts.problems).toEqual([`${SOCKETFILTERFW}: timed out`, '/Library/Preferences/com.apple.alf.plist: ENOENT'])
    const noState = await collect({ timedOut: true }, { [ALF]: plistDict({ loggingenabled: 1 }) })
    expect(noState.profiles).toEqual(applicationFirewall(null))
    expect(noState.problems).toContain('/Library/Preferences/com.apple.alf.plist: no globalstate')
  })
})
