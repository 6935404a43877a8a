/** The baseline rules judged on facts of each platform: pass, fail, not applicable, error. */
import { describe, expect, it } from 'vitest'
import type { Platform } from '../../src/core/platform.js'
import {
  account,
  accountsFacts,
  antivirusFacts,
  antivirusProduct,
  autorunFacts,
  downloadsFacts,
  encryptionFacts,
  firewallFacts,
  healthyFacts,
  osFacts,
  riskyFile,
  screenLockFacts,
  sharingFacts,
  snapshotOf,
  softwareFacts,
} from '../helpers/facts.js'
import { evaluateBuiltin, type EvaluateOptions } from '../helpers/engine.js'

const OS: Record<Platform, ReturnType<typeof osFacts>> = {
  linux: osFacts(),
  windows: osFacts({ platform: 'windows', id: 'windows', name: 'Windows 11 Pro', version: '25H2', build: '26200', edition: 'Professional' }),
  macos: osFacts({ platform: 'macos', id: 'macos', name: 'macOS 15.1 (24B83)', version: '15.1', build: '24B83' }),
}

function on(platform: Platform, facts: Record<string, unknown> = {}) {
  return snapshotOf({ ...healthyFacts(), os: OS[platform], ...facts })
}

const judge = async (id: string, platform: Platform, facts: Record<string, unknown> = {}, options: EvaluateOptions = {}) =>
  evaluateBuiltin(id, on(platform, facts), options)

describe('malware.antivirus-active', () => {
  it.each(['windows', 'macos', 'linux'] as const)('passes on %s with real-time protection and fresh signatures', async (platform) => {
    expect((await judge('malware.antivirus-active', platform)).status).toBe('pass')
  })

  it('fails with real-time protection off, or signatures four days old', async () => {
    const off = antivirusFacts([antivirusProduct({ realTimeProtection: false })])
    expect((await judge('malware.antivirus-active', 'windows', { antivirus: off })).status).toBe('fail')
    const stale = antivirusFacts([antivirusProduct({ signaturesAgeDays: 4 })])
    const result = await judge('malware.antivirus-active', 'windows', { antivirus: stale }, { lang: 'vi' })
    expect(result.status).toBe('fail')
    expect(result.message).toContain('cũ hơn 3 ngày')
  })

  it('accepts a Security Center product that says it is up to date when no date is known', async () => {
    const bkav = antivirusFacts([antivirusProduct({ name: 'Bkav Pro', kind: 'third-party', signaturesAgeDays: null, signaturesUpdatedAt: null, upToDate: true })])
    expect((await judge('malware.antivirus-active', 'windows', { antivirus: bkav })).status).toBe('pass')
  })

  it('fails when no antivirus exists, and says so', async () => {
    const result = await judge('malware.antivirus-active', 'linux', { antivirus: antivirusFacts([]) })
    expect(result).toMatchObject({ status: 'fail', message: 'No antivirus was found on this computer.' })
  })

  it('accepts on Linux a ClamAV without on-access scanning, but with fresh signatures', async () => {
    const clamav = antivirusFacts([antivirusProduct({ name: 'ClamAV', kind: 'clamav', realTimeProtection: false, signaturesAgeDays: 1 })])
    expect((await judge('malware.antivirus-active', 'linux', { antivirus: clamav })).status).toBe('pass')
    expect((await judge('malware.antivirus-active', 'windows', { antivirus: clamav })).status).toBe('fail')
  })

  it('is stricter with the police: signatures of the last day', async () => {
    const two = antivirusFacts([antivirusProduct({ signaturesAgeDays: 2 })])
    expect((await judge('malware.antivirus-active', 'windows', { antivirus: two })).status).toBe('pass')
    expect((await judge('malware.antivirus-active', 'windows', { antivirus: two }, { profile: 'police' })).status).toBe('fail')
  })
})

describe('network.firewall-enabled', () => {
  const windowsProfiles = (publicOn: boolean | null) =>
    firewallFacts({
      profiles: [
        { name: 'domain', enabled: true },
        { name: 'private', enabled: true },
        { name: 'public', enabled: publicOn },
      ],
    })

  it('passes on Windows only when every profile is on', async () => {
    expect((await judge('network.firewall-enabled', 'windows', { firewall: windowsProfiles(true) })).status).toBe('pass')
    const off = await judge('network.firewall-enabled', 'windows', { firewall: windowsProfiles(false) })
    expect(off).toMatchObject({ status: 'fail', message: 'The firewall is off: public.' })
  })

  it('accepts a third-party firewall registered in Security Center', async () => {
    const kaspersky = { ...windowsProfiles(false), thirdParty: [{ name: 'Kaspersky Internet Security', enabled: true }] }
    expect((await judge('network.firewall-enabled', 'windows', { firewall: kaspersky })).status).toBe('pass')
  })

  it('passes on Linux and macOS with one active firewall', async () => {
    const linux = firewallFacts({ profiles: [{ name: 'ufw', enabled: false }, { name: 'nftables', enabled: true }] })
    expect((await judge('network.firewall-enabled', 'linux', { firewall: linux })).status).toBe('pass')
    const mac = firewallFacts({ profiles: [{ name: 'application-firewall', enabled: true }] })
    expect((await judge('network.firewall-enabled', 'macos', { firewall: mac })).status).toBe('pass')
  })

  it('fails with no firewall at all, and reports error when it needs root to tell', async () => {
    expect((await judge('network.firewall-enabled', 'linux', { firewall: firewallFacts({ profiles: [] }) })).status).toBe('fail')
    const unknown = firewallFacts({ profiles: [{ name: 'nftables', enabled: null }], problems: ['nft: needs root'] })
    const result = await judge('network.firewall-enabled', 'linux', { firewall: unknown })
    expect(result.status).toBe('error')
    expect(result.message).toContain('nft: needs root')
  })
})

describe('network.smb1-enabled', () => {
  it('passes when SMB1 is off, fails when on, does not apply on macOS', async () => {
    expect((await judge('network.smb1-enabled', 'windows')).status).toBe('pass')
    expect((await judge('network.smb1-enabled', 'windows', { sharing: sharingFacts({ smb1Enabled: true }) })).status).toBe('fail')
    expect((await judge('network.smb1-enabled', 'linux', { sharing: sharingFacts({ smb1Enabled: true }) })).status).toBe('fail')
    expect((await judge('network.smb1-enabled', 'macos')).status).toBe('not_applicable')
  })
})

describe('network.rdp-exposed', () => {
  const rdp = (networkLevelAuthentication: boolean | null, service = 'rdp') =>
    sharingFacts({ remoteDesktop: { enabled: true, networkLevelAuthentication, service } })

  it('passes with remote desktop off', async () => {
    expect((await judge('network.rdp-exposed', 'windows')).status).toBe('pass')
  })

  it('fails on Windows without NLA, warns with it', async () => {
    expect((await judge('network.rdp-exposed', 'windows', { sharing: rdp(false) })).status).toBe('fail')
    expect((await judge('network.rdp-exposed', 'windows', { sharing: rdp(true) })).status).toBe('warn')
  })

  it('warns on Linux and macOS where NLA does not exist', async () => {
    const result = await judge('network.rdp-exposed', 'linux', { sharing: rdp(null, 'xrdp') })
    expect(result).toMatchObject({ status: 'warn', message: 'Remote desktop is on (xrdp). Turn it off unless it is really needed.' })
    expect((await judge('network.rdp-exposed', 'macos', { sharing: rdp(null, 'screen-sharing') })).status).toBe('warn')
  })
})

describe('network.file-sharing', () => {
  it('fails on a share open to everyone and names it', async () => {
    const shares = sharingFacts({
      shares: [
        { name: 'KeToan', path: 'D:\\KeToan', openToEveryone: true },
        { name: 'Scan', path: 'D:\\Scan', openToEveryone: false },
      ],
    })
    const result = await judge('network.file-sharing', 'windows', { sharing: shares })
    expect(result).toMatchObject({ status: 'fail', message: 'Folders shared with everyone on the network: KeToan.' })
  })

  it('passes without open shares, and reports error when access cannot be read', async () => {
    expect((await judge('network.file-sharing', 'macos')).status).toBe('pass')
    const unknown = sharingFacts({ shares: [{ name: 'Data', path: null, openToEveryone: null }] })
    expect((await judge('network.file-sharing', 'windows', { sharing: unknown })).status).toBe('error')
  })
})

describe('data.disk-encrypted', () => {
  it('passes when encrypted', async () => {
    expect((await judge('data.disk-encrypted', 'linux')).status).toBe('pass')
  })

  it('warns in the office profile and fails in the police profile when not encrypted', async () => {
    const plain = { encryption: encryptionFacts({ method: 'none', encrypted: false, state: 'off', mount: 'C:' }) }
    expect((await judge('data.disk-encrypted', 'windows', plain)).status).toBe('warn')
    const police = await judge('data.disk-encrypted', 'windows', plain, { profile: 'police', lang: 'vi' })
    expect(police.status).toBe('fail')
    expect(police.message).toContain('bắt buộc mã hóa')
  })

  it('reports error, plainly, when it needs administrator rights', async () => {
    const unknown = { encryption: encryptionFacts({ method: null, encrypted: null, state: 'unknown', needsAdmin: true }) }
    const result = await judge('data.disk-encrypted', 'windows', unknown)
    expect(result).toMatchObject({ status: 'error', message: expect.stringContaining('administrator rights') })
  })
})

describe('access.screen-lock', () => {
  it('passes at 5 minutes with a password', async () => {
    expect((await judge('access.screen-lock', 'windows')).status).toBe('pass')
  })

  it('fails without a lock, without a password, or after too long', async () => {
    expect((await judge('access.screen-lock', 'windows', { screenlock: screenLockFacts({ lockEnabled: false }) })).status).toBe('fail')
    const noPassword = await judge('access.screen-lock', 'macos', { screenlock: screenLockFacts({ requiresPassword: false }) })
    expect(noPassword.message).toBe('The screen locks, but opens again without the password.')
    const late = await judge('access.screen-lock', 'linux', { screenlock: screenLockFacts({ idleMinutes: 15 }) })
    expect(late).toMatchObject({ status: 'fail', message: 'The screen locks only after 15 minutes (at most 10 allowed).' })
  })

  it('allows 20 minutes in a school, 5 with the police', async () => {
    const fifteen = { screenlock: screenLockFacts({ idleMinutes: 15 }) }
    expect((await judge('access.screen-lock', 'windows', fifteen, { profile: 'school' })).status).toBe('pass')
    const seven = { screenlock: screenLockFacts({ idleMinutes: 7 }) }
    expect((await judge('access.screen-lock', 'windows', seven, { profile: 'police' })).status).toBe('fail')
  })

  it('does not apply without a desktop', async () => {
    const server = { screenlock: screenLockFacts({ desktop: false, lockEnabled: null, requiresPassword: null, idleMinutes: null }) }
    expect((await judge('access.screen-lock', 'linux', server)).status).toBe('not_applicable')
  })
})

describe('access.admin-daily-use', () => {
  it('passes for a standard account and fails for an administrator', async () => {
    expect((await judge('access.admin-daily-use', 'windows')).status).toBe('pass')
    const admin = { accounts: { ...accountsFacts([account()]), currentUserIsAdmin: true } }
    expect((await judge('access.admin-daily-use', 'macos', admin)).status).toBe('fail')
    const unknown = { accounts: { ...accountsFacts([account()]), currentUserIsAdmin: null } }
    expect((await judge('access.admin-daily-use', 'linux', unknown)).status).toBe('error')
  })
})

describe('access.guest-enabled', () => {
  const guest = { accounts: { ...accountsFacts([account()]), guestEnabled: true } }

  it('passes with the guest account off and fails with it on', async () => {
    expect((await judge('access.guest-enabled', 'windows')).status).toBe('pass')
    expect((await judge('access.guest-enabled', 'windows', guest)).status).toBe('fail')
  })

  it('only warns on a school PC', async () => {
    expect((await judge('access.guest-enabled', 'linux', guest, { profile: 'school' })).status).toBe('warn')
  })
})

describe('access.auto-logon', () => {
  const autoLogon = (storedPassword: boolean | null) => ({
    accounts: { ...accountsFacts([account()]), autoLogon: { enabled: true, user: 'ketoan', storedPassword, source: 'Winlogon' } },
  })

  it('passes when the PC asks for a login', async () => {
    expect((await judge('access.auto-logon', 'windows')).status).toBe('pass')
  })

  it('fails on automatic login, and says when the password is stored readably', async () => {
    const stored = await judge('access.auto-logon', 'windows', autoLogon(true), { lang: 'vi' })
    expect(stored).toMatchObject({ status: 'fail', message: 'Máy tự đăng nhập vào tài khoản ketoan và mật khẩu được lưu ở dạng đọc được.' })
    expect((await judge('access.auto-logon', 'linux', autoLogon(null))).message).toBe('The PC logs ketoan in by itself at start-up, no password asked.')
  })

  it('only warns on a school PC', async () => {
    expect((await judge('access.auto-logon', 'windows', autoLogon(false), { profile: 'school' })).status).toBe('warn')
  })
})

describe('scam.remote-access-tools', () => {
  const tools = softwareFacts({
    remoteAccessTools: [
      { tool: 'ultraviewer', installed: true, running: false, evidence: 'UltraViewer version 6.6' },
      { tool: 'anydesk', installed: false, running: true, evidence: 'AnyDesk.exe' },
    ],
  })

  it('passes without remote-control software', async () => {
    expect((await judge('scam.remote-access-tools', 'windows')).status).toBe('pass')
  })

  it('fails and explains the scam', async () => {
    const result = await judge('scam.remote-access-tools', 'windows', { software: tools }, { lang: 'vi' })
    expect(result.status).toBe('fail')
    expect(result.message).toContain('ultraviewer, anydesk')
    expect(result.message).toContain('lừa đảo')
  })

  it('lets the unit allow the tool its IT uses, and warns while it runs', async () => {
    const allowed = await judge('scam.remote-access-tools', 'windows', { software: tools }, { params: { allowed: ['ultraviewer', 'anydesk'] } })
    expect(allowed.status).toBe('warn')
    const idle = softwareFacts({ remoteAccessTools: [{ tool: 'ultraviewer', installed: true, running: false, evidence: 'UltraViewer' }] })
    expect((await judge('scam.remote-access-tools', 'macos', { software: idle }, { params: { allowed: ['ultraviewer'] } })).status).toBe('pass')
  })
})

describe('scam.untrusted-apk', () => {
  it('fails on an .apk in the Zalo folder, passes without one', async () => {
    const apk = downloadsFacts([riskyFile({ path: 'C:\\Users\\an\\Documents\\Zalo Received Files\\VNeID.apk', root: 'zalo', reasons: ['android-package'] })])
    const result = await judge('scam.untrusted-apk', 'windows', { downloads: apk })
    expect(result).toMatchObject({ status: 'fail', message: expect.stringContaining('VNeID.apk') })
    expect((await judge('scam.untrusted-apk', 'linux')).status).toBe('pass')
  })
})

describe('software.browser-outdated', () => {
  it('passes with current browsers, an ESR Firefox included', async () => {
    const esr = softwareFacts({ browsers: [{ browser: 'firefox', version: '140.5.0esr', major: 140 }] })
    expect((await judge('software.browser-outdated', 'linux', { software: esr })).status).toBe('pass')
    expect((await judge('software.browser-outdated', 'windows')).status).toBe('pass')
  })

  it('fails on Chrome 109, the last one for Windows 7, and names it', async () => {
    const old = softwareFacts({
      browsers: [
        { browser: 'chrome', version: '109.0.5414.168', major: 109 },
        { browser: 'coccoc', version: '155.0.1.2', major: 155 },
      ],
    })
    const result = await judge('software.browser-outdated', 'windows', { software: old })
    expect(result).toMatchObject({ status: 'fail', message: 'Browsers more than 2 versions behind: chrome 109.0.5414.168.' })
  })

  it('counts the releases shipped since the table was recorded', async () => {
    const today = softwareFacts({ browsers: [{ browser: 'chrome', version: '156.0', major: 156 }] })
    expect((await judge('software.browser-outdated', 'windows', { software: today }, { now: '2027-03-01T00:00:00Z' })).status).toBe('fail')
  })

  it('does not apply without a browser, and reports error on an unreadable version', async () => {
    expect((await judge('software.browser-outdated', 'linux', { software: softwareFacts({ browsers: [] }) })).status).toBe('not_applicable')
    const unknown = softwareFacts({ browsers: [{ browser: 'edge', version: null, major: null }] })
    expect((await judge('software.browser-outdated', 'windows', { software: unknown })).status).toBe('error')
  })
})

describe('software.office-unsupported', () => {
  const office = (suites: ReturnType<typeof softwareFacts>['office']) => ({ software: softwareFacts({ office: suites }) })

  it('fails on Office 2016 and 2021 in November 2026, passes on Microsoft 365 and current LibreOffice', async () => {
    const old = office([
      { suite: 'microsoft-office', name: 'Microsoft Office Professional Plus 2016', version: '16.0.4266', release: '2016' },
      { suite: 'microsoft-office', name: 'Microsoft Office LTSC Professional Plus 2021', version: '16.0.14332', release: '2021' },
    ])
    const result = await judge('software.office-unsupported', 'windows', old)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('Professional Plus 2016')
    expect(result.message).toContain('LTSC Professional Plus 2021')
    const current = office([{ suite: 'microsoft-office', name: 'Microsoft 365 Apps', version: '16.0.19000', release: '365' }])
    expect((await judge('software.office-unsupported', 'windows', current)).status).toBe('pass')
    expect((await judge('software.office-unsupported', 'linux')).status).toBe('pass')
  })

  it('judges LibreOffice branches older than the table as ended', async () => {
    const old = office([{ suite: 'libreoffice', name: 'LibreOffice', version: '7.3.7.2', release: '7.3' }])
    expect((await judge('software.office-unsupported', 'linux', old)).status).toBe('fail')
  })

  it('does not apply without an office suite', async () => {
    expect((await judge('software.office-unsupported', 'macos', office([]))).status).toBe('not_applicable')
  })
})

describe('media.autorun-enabled', () => {
  it('passes with AutoRun and AutoPlay off', async () => {
    expect((await judge('media.autorun-enabled', 'windows')).status).toBe('pass')
  })

  it('fails on AutoRun, then on AutoPlay', async () => {
    const autorun = await judge('media.autorun-enabled', 'windows', { autorun: autorunFacts({ autorunEnabled: true, autoplayEnabled: true }) })
    expect(autorun.message).toBe('AutoRun from removable drives is on.')
    const autoplay = await judge('media.autorun-enabled', 'linux', { autorun: autorunFacts({ autoplayEnabled: true }) })
    expect(autoplay).toMatchObject({ status: 'fail', message: 'AutoPlay for removable drives is on.' })
  })

  it('does not apply on macOS, nor on a Linux server without a desktop', async () => {
    expect((await judge('media.autorun-enabled', 'macos')).status).toBe('not_applicable')
    const server = { screenlock: screenLockFacts({ desktop: false }), autorun: autorunFacts({ autorunEnabled: null, autoplayEnabled: null, source: null }) }
    expect((await judge('media.autorun-enabled', 'linux', server)).status).toBe('not_applicable')
  })
})
