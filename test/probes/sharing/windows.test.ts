// The sharing probe on the recorded Windows PCs: SMB1, Remote Desktop and NLA, shared folders open to anyone.
import { describe, expect, it } from 'vitest'
import { SharingFactsSchema } from '../../../src/probes/sharing/schema.js'
import { collectWindowsSharing, windowsSharingFacts } from '../../../src/probes/sharing/windows.js'
import { SharingSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { collectedFacts, recordedSection, type WindowsFixture } from '../windows/windows-kit.js'

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsSharing, SharingFactsSchema)

function changed(fixture: WindowsFixture, path: string, value: unknown) {
  return windowsSharingFacts(recordedSection(fixture, 'sharing', SharingSectionSchema, { path, value }))
}

const denied = { ok: false, error: 'Access denied ' }

describe('sharing probe on Windows', () => {
  it('reads SMB1 on, Remote Desktop without NLA, and a folder shared with Everyone', async () => {
    expect(await collected('win10-22h2')).toEqual({
      smb1Enabled: true,
      remoteDesktop: { enabled: true, networkLevelAuthentication: false, service: 'rdp' },
      // Luu$ is only hidden from browsing, so it is listed; the printer is no folder.
      shares: [
        { name: 'KeToan', path: 'D:\\KeToan', openToEveryone: true },
        { name: 'Scan', path: 'D:\\Scan', openToEveryone: false },
        { name: 'Luu$', path: 'D:\\Luu', openToEveryone: true },
      ],
      problems: [],
    })
  })

  it('reads SMB1 off from the server setting when the feature state is refused', async () => {
    expect(await collected('win11-24h2-vi')).toEqual({
      smb1Enabled: false,
      remoteDesktop: { enabled: false, networkLevelAuthentication: null, service: 'rdp' },
      shares: [],
      problems: ['SMB1 feature state: Access denied '],
    })
  })

  it('takes Remote Desktop and NLA from Group Policy over the local values', async () => {
    expect((await collected('domain-joined')).remoteDesktop).toEqual({
      enabled: true,
      networkLevelAuthentication: true,
      service: 'rdp',
    })
  })

  it('counts the SMB1 client driver, and a share open to the Guest account', async () => {
    const facts = await collected('school-lab')
    expect(facts.smb1Enabled).toBe(true)
    expect(facts.shares).toEqual([{ name: 'BaiTap', path: 'C:\\BaiTap', openToEveryone: true }])
  })

  it('reads SMB1 as on from the feature alone, and as unknown when nothing answers', () => {
    expect(changed('win11-24h2-vi', 'smb1.feature', { ok: true, data: { installState: 1 } }).smb1Enabled).toBe(true)
    const section = recordedSection('win11-24h2-vi', 'sharing', SharingSectionSchema, {
      path: 'smb1.server',
      value: denied,
    })
    expect(windowsSharingFacts(section).smb1Enabled).toBeNull()
  })

  it('leaves who may open a share unknown when its permissions cannot be read', () => {
    const facts = changed('win10-22h2', 'shares.data.shares.0.access', denied)
    expect(facts.shares[0]).toEqual({ name: 'KeToan', path: 'D:\\KeToan', openToEveryone: null })
    expect(facts.problems).toEqual(['permissions of share KeToan: Access denied '])
  })

  it('counts a null DACL as open to everyone', () => {
    const nullDacl = { ok: true, data: { recorded: true, nullDacl: true, allowed: [] } }
    expect(changed('win10-22h2', 'shares.data.shares.1.access', nullDacl).shares[1]?.openToEveryone).toBe(true)
  })
})
