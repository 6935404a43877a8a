// The sharing probe on a Mac: launchd's overrides, Remote Management's file, File Sharing's folders and dialects.
import { describe, expect, it } from 'vitest'
import { sharingProbe } from '../../../src/probes/sharing/index.js'
import type { SharingFacts } from '../../../src/probes/sharing/schema.js'
import { parseLaunchdOverrides } from '../../../src/probes/sharing/services-macos.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import { collectOnMac, macFixture, plistDict, type MacCommand } from '../macos/macos-test-kit.js'

const LAUNCHCTL = 'launchctl print-disabled system'
const SHARE_POINTS = 'dscl -plist . -readall /SharePoints'
const REMOTE_MANAGEMENT = 'Library/Application Support/Apple/Remote Desktop/RemoteManagement.launchd'
const SMB_SERVER = 'Library/Preferences/SystemConfiguration/com.apple.smb.server.plist'

interface SharingMac {
  /** Labels switched on in the fixture's overrides, every one listed there as disabled. */
  enabled?: string[]
  launchctl?: StubAnswer
  shares?: StubAnswer
  system?: Record<string, string>
}

async function collect(mac: SharingMac = {}): Promise<SharingFacts> {
  let overrides = await macFixture('launchctl-print-disabled-system.txt')
  for (const label of mac.enabled ?? []) overrides = overrides.replace(`"${label}" => disabled`, `"${label}" => enabled`)
  const commands: MacCommand[] = [[LAUNCHCTL, mac.launchctl ?? { stdout: overrides }]]
  if (mac.shares) commands.push([SHARE_POINTS, mac.shares])
  return collectOnMac(sharingProbe, { system: mac.system ?? {}, commands })
}

const OFF: SharingFacts['remoteDesktop'] = { enabled: false, networkLevelAuthentication: null, service: null }

describe('sharing probe on macOS', () => {
  it('finds nothing shared on a Mac with every Sharing switch off, without reading the share points', async () => {
    expect(await collect()).toEqual({ smb1Enabled: false, remoteDesktop: OFF, shares: [], problems: [] })
  })

  it('finds Screen Sharing on, and Remote Management on by its own file', async () => {
    const screenSharing = await collect({ enabled: ['com.apple.screensharing'] })
    expect(screenSharing.remoteDesktop).toEqual({ enabled: true, networkLevelAuthentication: null, service: 'Screen Sharing' })
    const remoteManagement = await collect({ system: { [REMOTE_MANAGEMENT]: 'enabled\n' } })
    expect(remoteManagement.remoteDesktop).toMatchObject({ enabled: true, service: 'Remote Management' })
  })

  it('reads the overrides of macOS 10.15 and before, where false means enabled', async () => {
    const old = 'disabled services = {\n\t"com.apple.screensharing" => false\n\t"com.apple.smbd" => true\n}\n'
    expect(parseLaunchdOverrides(old)).toEqual(new Map([['com.apple.screensharing', true], ['com.apple.smbd', false]]))
    expect(parseLaunchdOverrides('')).toBeNull()
    const facts = await collect({ launchctl: { stdout: old } })
    expect(facts.remoteDesktop).toMatchObject({ enabled: true, service: 'Screen Sharing' })
  })

  it('lists the folders File Sharing serves, open to guests as the server allows, and its SMB 1 bit', async () => {
    const shares = { stdout: await macFixture('dscl-readall-sharepoints.xml') }
    const server = (settings: Record<string, number | boolean>) => ({ [SMB_SERVER]: plistDict(settings) })
    const facts = await collect({ enabled: ['com.apple.smbd'], shares, system: server({ AllowGuestAccess: true, ProtocolVersionMap: 6 }) })
    expect(facts).toEqual({
      smb1Enabled: false,
      remoteDesktop: OFF,
      shares: [
        { name: "an's Public Folder", path: '/Users/an/Public', openToEveryone: true },
        { name: 'Ke toan', path: '/Users/an/Documents/Ke toan', openToEveryone: false },
      ],
      problems: [],
    })
    const smb1 = await collect({ enabled: ['com.apple.smbd'], shares, system: server({ ProtocolVersionMap: 7 }) })
    expect(smb1.smb1Enabled).toBe(true)
    const noGuests = await collect({ enabled: ['com.apple.smbd'], shares, system: server({ AllowGuestAccess: false }) })
    expect(noGuests.shares.map((share) => share.openToEveryone)).toEqual([false, false])
    expect(noGuests.smb1Enabled).toBeNull()
    expect(noGuests.problems).toEqual([
      '/Library/Preferences/SystemConfiguration/com.apple.smb.server.plist: no ProtocolVersionMap, so the SMB dialects File Sharing accepts are not known',
    ])
  })

  it('keeps what it cannot read unknown, and lists the configured folders when File Sharing\'s state is unknown', async () => {
    const facts = await collect({
      launchctl: { exitCode: 113, stderr: 'Could not find domain for system\n' },
      shares: { stdout: await macFixture('dscl-readall-sharepoints.xml') },
    })
    expect(facts).toEqual({
      smb1Enabled: null,
      remoteDesktop: { enabled: null, networkLevelAuthentication: null, service: null },
      shares: [
        { name: "an's Public Folder", path: '/Users/an/Public', openToEveryone: true },
        { name: 'Ke toan', path: '/Users/an/Documents/Ke toan', openToEveryone: false },
      ],
      problems: ['launchctl print-disabled system: exit code 113 (Could not find domain for system)'],
    })
    const garbled = await collect({ enabled: ['com.apple.smbd'], shares: { stdout: 'dscl: Invalid Path\n' } })
    expect(garbled.shares).toEqual([])
    expect(garbled.problems).toContain(
      'dscl -plist . -readall /SharePoints: unexpected output "dscl: Invalid Path": no XML property list found',
    )
  })
})
