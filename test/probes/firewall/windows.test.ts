// The firewall probe on the recorded Windows PCs: the three Windows Firewall profiles and third-party firewalls.
import { describe, expect, it } from 'vitest'
import { FirewallFactsSchema } from '../../../src/probes/firewall/schema.js'
import { collectWindowsFirewall, windowsFirewallFacts } from '../../../src/probes/firewall/windows.js'
import { FirewallSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { collectedFacts, recordedSection, type WindowsFixture } from '../windows/windows-kit.js'

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsFirewall, FirewallFactsSchema)

const unreadable = { ok: false, error: 'Không tìm thấy lớp.' }

describe('firewall probe on Windows', () => {
  it('reads every profile on', async () => {
    expect(await collected('win11-24h2-vi')).toEqual({
      profiles: [
        { name: 'domain', enabled: true },
        { name: 'private', enabled: true },
        { name: 'public', enabled: true },
      ],
      thirdParty: [],
      problems: [],
    })
  })

  it('reads the private and public profiles off', async () => {
    expect((await collected('win10-22h2')).profiles).toEqual([
      { name: 'domain', enabled: true },
      { name: 'private', enabled: false },
      { name: 'public', enabled: false },
    ])
  })

  it('lists a third-party firewall that replaced Windows Firewall', async () => {
    const facts = await collected('redirected-downloads')
    expect(facts.profiles.every((profile) => profile.enabled === false)).toBe(true)
    expect(facts.thirdParty).toEqual([{ name: 'Kaspersky Endpoint Security for Windows', enabled: true }])
  })

  it('leaves a profile that is not True or False unknown', () => {
    const section = recordedSection('win11-24h2-vi', 'firewall', FirewallSectionSchema, {
      path: 'profiles.data.profiles.2.enabled',
      value: 'NotConfigured',
    })
    expect(windowsFirewallFacts(section).profiles[2]).toEqual({ name: 'public', enabled: null })
  })

  it('lists the three profiles as unknown when they cannot be read', () => {
    const section = recordedSection('win11-24h2-vi', 'firewall', FirewallSectionSchema, {
      path: 'profiles',
      value: unreadable,
    })
    const facts = windowsFirewallFacts(section)
    expect(facts.profiles.map((profile) => profile.enabled)).toEqual([null, null, null])
    expect(facts.problems).toEqual(['Windows Firewall profiles: Không tìm thấy lớp.'])
  })

  it('fails when neither source answers', () => {
    const section = recordedSection('win11-24h2-vi', 'firewall', FirewallSectionSchema, {
      path: 'profiles',
      value: unreadable,
    })
    const missing = { ok: false as const, error: 'Invalid namespace ' }
    expect(() => windowsFirewallFacts({ ...section, securityCenter: missing })).toThrow(
      'no firewall source could be read: profiles: Không tìm thấy lớp.; Security Center: Invalid namespace ',
    )
  })
})
