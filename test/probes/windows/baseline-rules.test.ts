// The baseline checks and access.empty-password on recorded Windows PCs, from the script's output to the verdict.
import { describe, expect, it } from 'vitest'
import type { ProfileName } from '../../../src/engine/profiles.js'
import type { Status } from '../../../src/engine/score.js'
import { builtinPacks, evaluateBuiltin } from '../../helpers/engine.js'
import { tempTree } from '../../helpers/temp-tree.js'
import {
  checkedWindowsSnapshot,
  FIXTURES,
  fixtureJson,
  printed,
  type PowerShellOutput,
  type WindowsFixture,
} from './windows-kit.js'

/**
 * One judged PC: a recorded script output, or one with the values at some paths (keys and list indexes,
 * dot-separated, from the document's root) changed; the profile and rule parameters in force; the status and the
 * text the message must contain.
 */
interface Case {
  pc: string
  output: () => PowerShellOutput | Promise<PowerShellOutput>
  profile?: ProfileName
  params?: Record<string, unknown>
  status: Status
  reason: string
}

type Pc = Pick<Case, 'pc' | 'output'>

/** A recorded PC as its script printed it. */
const recorded = (fixture: WindowsFixture): Pc => ({ pc: fixture, output: () => fixture })

/** A recorded PC with some values changed, and what that change makes of it. */
function changed(fixture: WindowsFixture, what: string, changes: Record<string, unknown>): Pc {
  return { pc: `${fixture}, ${what}`, output: () => printed(withChanges(fixtureJson(fixture), changes)) }
}

function withChanges(document: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  for (const [at, value] of Object.entries(changes)) {
    const keys = at.split('.')
    const last = keys.pop()!
    let node = document
    for (const key of keys) node = node[key] as Record<string, unknown>
    node[last] = value
  }
  return document
}

const DENIED = { ok: false, error: 'Access denied ' }
const AV = 'antivirus.data'
const SECURITY_CENTER_AV = `${AV}.securityCenter.data.products`
const FIREWALL_PROFILES = 'firewall.data.profiles.data.profiles'
const ENCRYPTION = 'encryption.data'
const SMB1 = 'sharing.data.smb1'
const RDP = 'sharing.data.remoteDesktop'
const SHARES = 'sharing.data.shares.data.shares'
const SCREEN_SAVER = 'screenlock.data.user'
const ACCOUNTS = 'accounts.data'
const PROGRAMS = 'software.data.installed.data.programs'
const RUNNING = 'software.data.running.data.names'
const AUTORUN = 'autorun.data'

/** productState 0xAABBCC: bits 12-13 the state (0x1000 on, 0x3000 expired), bit 4 signatures out of date (§4.7). */
const AV_ON_CURRENT = 0x41000
const AV_ON_OUT_OF_DATE = 0x41010
const AV_EXPIRED = 0x43000
const FIREWALL_OFF = 0x40000

const program = (name: string, version: string | null) => ({ name, version, publisher: null })
/** The Windows 10 PC's programs without Chrome and Office 2013: Foxit, Zalo and BKAV. */
const WIN10_NEITHER_BROWSER_NOR_OFFICE = [
  program('Foxit PDF Reader', '2024.3.0.26795'),
  program('Zalo', '24.11.1'),
  program('Bkav Pro Internet Security', '7.0.0.0'),
]
/** The Windows 11 PC's running processes, AnyDesk closed. */
const WIN11_RUNNING_WITHOUT_ANYDESK = ['browser', 'chrome', 'explorer', 'msedge', 'MsMpEng', 'svchost', 'Zalo']

/** A Downloads folder holding a fake VNeID app, as the redirected D:\Tải về of redirected-downloads. */
function apkInDownloads(): Pc {
  return {
    pc: 'redirected-downloads, a VNeID .apk received in Downloads',
    output: async () => {
      const apk = { content: 'PK', mtime: new Date('2026-11-28T03:00:00Z') }
      const downloads = await tempTree({ 'VNeID-cap-nhat.apk': apk })
      return printed(withChanges(fixtureJson('redirected-downloads'), { 'folders.data.downloads': downloads }))
    },
  }
}

/**
 * A Desktop holding an .apk. (The Zalo folder is joined under Documents as a Windows path, which no temp folder
 * of this Linux machine can stand for.)
 */
function apkOnDesktop(): Pc {
  return {
    pc: 'redirected-downloads, an .apk saved on the Desktop',
    output: async () => {
      const desktop = await tempTree({ 'DichVuCong.apk': 'PK' })
      return printed(withChanges(fixtureJson('redirected-downloads'), { 'folders.data.desktop': desktop }))
    },
  }
}

const CASES: Record<string, Case[]> = {
  'malware.antivirus-active': [
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'Protected by: Microsoft Defender Antivirus.' },
    // Get-MpComputerStatus refused (0x800106ba): BKAV's productState 0x41000 is on and current.
    { ...recorded('win10-22h2'), status: 'pass', reason: 'Protected by: Bkav Pro Internet Security' },
    {
      ...changed('win10-22h2', 'BKAV licence expired (0x43000)', { [`${SECURITY_CENTER_AV}.0.state`]: AV_EXPIRED }),
      status: 'fail',
      reason: 'The antivirus (Bkav Pro Internet Security, Windows Defender) has real-time scanning off',
    },
    {
      ...changed('win10-22h2', 'nothing registered in Security Center', { [SECURITY_CENTER_AV]: [] }),
      status: 'fail',
      reason: 'No antivirus was found on this computer.',
    },
    {
      ...changed('redirected-downloads', 'Kaspersky on and current (0x41000)', {
        [`${SECURITY_CENTER_AV}.0.state`]: AV_ON_CURRENT,
      }),
      status: 'pass',
      reason: 'Protected by: Kaspersky Endpoint Security for Windows',
    },
    // Kaspersky is on with signatures Security Center calls out of date (0x41010): no age is given, so
    // the product's own verdict decides.
    {
      ...changed('redirected-downloads', 'Kaspersky on, signatures out of date (0x41010)', {
        [`${SECURITY_CENTER_AV}.0.state`]: AV_ON_OUT_OF_DATE,
      }),
      status: 'fail',
      reason: 'The antivirus (Kaspersky Endpoint Security for Windows',
    },
    {
      ...recorded('domain-joined'),
      status: 'fail',
      reason: 'has real-time scanning off or signatures older than 3 days.',
    },
    {
      ...recorded('adsi-fallback'),
      status: 'fail',
      reason: 'The antivirus (Microsoft Defender Antivirus) has real-time',
    },
    {
      ...changed('win11-24h2-vi', 'Defender signatures 2 days old', {
        [`${AV}.defender.data.signaturesUpdated`]: '2026-11-27T09:00:00.0000000Z',
      }),
      status: 'pass',
      reason: 'Protected by: Microsoft Defender Antivirus.',
    },
    {
      ...changed('win11-24h2-vi', 'Defender signatures 2 days old', {
        [`${AV}.defender.data.signaturesUpdated`]: '2026-11-27T09:00:00.0000000Z',
      }),
      profile: 'police',
      status: 'fail',
      reason: 'signatures older than 1 days.',
    },
    {
      ...changed('win11-24h2-vi', 'passive Defender and no Security Center (Windows Server)', {
        [`${AV}.defender.data.runningMode`]: 'Passive Mode',
        [`${AV}.securityCenter`]: { ok: false, error: 'Invalid namespace ' },
      }),
      status: 'fail',
      reason: 'The antivirus (Microsoft Defender Antivirus) has real-time scanning off',
    },
    {
      ...changed('win10-22h2', 'Security Center missing too', {
        [`${AV}.securityCenter`]: { ok: false, error: 'Invalid namespace ' },
      }),
      status: 'error',
      reason: 'no antivirus source could be read: Defender: Operation failed with the following error: 0x800106ba',
    },
  ],
  'network.firewall-enabled': [
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'The firewall is on (domain, private, public).' },
    {
      ...changed('win11-24h2-vi', 'Domain profile off', { [`${FIREWALL_PROFILES}.0.enabled`]: 'False' }),
      status: 'fail',
      reason: 'The firewall is off: domain.',
    },
    {
      ...changed('win11-24h2-vi', 'Private profile off', { [`${FIREWALL_PROFILES}.1.enabled`]: 'False' }),
      status: 'fail',
      reason: 'The firewall is off: private.',
    },
    {
      ...changed('win11-24h2-vi', 'Public profile off', { [`${FIREWALL_PROFILES}.2.enabled`]: 'False' }),
      status: 'fail',
      reason: 'The firewall is off: public.',
    },
    { ...recorded('win10-22h2'), status: 'fail', reason: 'The firewall is off: private, public.' },
    // Every Windows profile off, but Kaspersky's firewall (0x41000) registered and on.
    { ...recorded('redirected-downloads'), status: 'pass', reason: 'The firewall of Kaspersky Endpoint Security for Windows is on.' },
    {
      ...changed('redirected-downloads', "Kaspersky's firewall off too", {
        'firewall.data.securityCenter.data.products.0.state': FIREWALL_OFF,
      }),
      status: 'fail',
      reason: 'The firewall is off: domain, private, public.',
    },
    {
      ...changed('win11-24h2-vi', 'Public profile NotConfigured', {
        [`${FIREWALL_PROFILES}.2.enabled`]: 'NotConfigured',
      }),
      status: 'error',
      reason: 'The firewall state could not be read (Windows Firewall public profile: Enabled is NotConfigured).',
    },
    {
      ...changed('win11-24h2-vi', 'the Public profile not listed', {
        [FIREWALL_PROFILES]: [
          { name: 'Domain', enabled: 'True' },
          { name: 'Private', enabled: 'True' },
        ],
      }),
      status: 'error',
      reason: 'The firewall state could not be read (Windows Firewall public profile: not listed).',
    },
    {
      ...changed('win11-24h2-vi', 'Get-NetFirewallProfile refused', { 'firewall.data.profiles': DENIED }),
      status: 'error',
      reason: 'The firewall state could not be read (Windows Firewall profiles: Access denied ).',
    },
  ],
  'network.smb1-enabled': [
    // The feature state is refused to a standard user; the server's own setting says off.
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'SMB1 is off.' },
    { ...recorded('win10-22h2'), status: 'fail', reason: 'SMB1 is on; ransomware can use it' },
    { ...recorded('school-lab'), status: 'fail', reason: 'SMB1 is on' },
    {
      ...changed('win11-24h2-vi', 'the SMB1 client driver (mrxsmb10) on demand', { [`${SMB1}.clientStart`]: 3 }),
      status: 'fail',
      reason: 'SMB1 is on',
    },
    {
      ...changed('win10-22h2', 'feature Disabled, client driver disabled, server off', {
        [`${SMB1}.feature`]: { ok: true, data: { installState: 2 } },
        [`${SMB1}.server`]: { ok: true, data: { enabled: false } },
        [`${SMB1}.clientStart`]: 4,
      }),
      status: 'pass',
      reason: 'SMB1 is off.',
    },
    {
      ...changed('win11-24h2-vi', 'the server setting refused too', { [`${SMB1}.server`]: DENIED }),
      status: 'error',
      reason: 'Whether SMB1 is on could not be read.',
    },
  ],
  'network.rdp-exposed': [
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'Remote desktop is off.' },
    { ...recorded('win10-22h2'), status: 'fail', reason: 'Remote Desktop is on without Network Level Authentication.' },
    // Group Policy allows it and requires NLA over the local values.
    { ...recorded('domain-joined'), status: 'warn', reason: 'Remote desktop is on (rdp). Turn it off unless' },
    {
      ...changed('win10-22h2', 'a policy denying Remote Desktop', { [`${RDP}.policyDeny`]: 1 }),
      status: 'pass',
      reason: 'Remote desktop is off.',
    },
    {
      ...changed('win11-24h2-vi', 'Remote Desktop on with NLA', { [`${RDP}.deny`]: 0 }),
      status: 'warn',
      reason: 'Remote desktop is on (rdp).',
    },
  ],
  'network.file-sharing': [
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'No folder is shared with everyone.' },
    // KeToan and the hidden Luu$ (reachable by name) are open to Everyone; the printer is no folder, Scan is for two accounts.
    { ...recorded('win10-22h2'), status: 'fail', reason: 'Folders shared with everyone on the network: KeToan, Luu$.' },
    { ...recorded('school-lab'), status: 'fail', reason: 'Folders shared with everyone on the network: BaiTap.' },
    {
      ...changed('win10-22h2', 'Scan with a null DACL', {
        [`${SHARES}.1.access`]: { ok: true, data: { recorded: true, nullDacl: true, allowed: [] } },
      }),
      status: 'fail',
      reason: 'Folders shared with everyone on the network: KeToan, Scan, Luu$.',
    },
    {
      ...changed('win10-22h2', 'Scan open to Anonymous Logon', {
        [`${SHARES}.0.access.data.allowed`]: ['S-1-5-32-544'],
        [`${SHARES}.1.access.data.allowed`]: ['S-1-5-7'],
      }),
      status: 'fail',
      reason: 'Folders shared with everyone on the network: Scan, Luu$.',
    },
    {
      ...changed('win10-22h2', "KeToan's permissions refused, Luu$ for administrators", {
        [`${SHARES}.0.access`]: DENIED,
        [`${SHARES}.2.access.data.allowed`]: ['S-1-5-32-544'],
      }),
      status: 'error',
      reason: 'could not be read (needs administrator rights).',
    },
  ],
  'data.disk-encrypted': [
    // System.Volume.BitLockerProtection from Explorer, read without administrator rights.
    { ...recorded('domain-joined'), status: 'pass', reason: 'The system disk (C:) is encrypted (bitlocker).' },
    { ...recorded('domain-joined'), profile: 'police', status: 'pass', reason: 'is encrypted (bitlocker).' },
    {
      ...changed('win11-24h2-vi', 'BitLocker on and locked (6)', { [`${ENCRYPTION}.shell.data.protection`]: 6 }),
      status: 'pass',
      reason: 'is encrypted (bitlocker).',
    },
    {
      ...recorded('win11-24h2-vi'),
      status: 'warn',
      reason: 'The system disk (C:) is not encrypted: if the PC is lost',
    },
    {
      ...recorded('win11-24h2-vi'),
      profile: 'police',
      status: 'fail',
      reason: 'The system disk (C:) is not encrypted, and this profile requires it.',
    },
    // 3: encryption still in progress, not yet protecting.
    { ...recorded('redirected-downloads'), status: 'warn', reason: 'The system disk (C:) is not encrypted' },
    { ...recorded('redirected-downloads'), profile: 'police', status: 'fail', reason: 'this profile requires it.' },
    {
      ...changed('win11-24h2-vi', 'BitLocker suspended (5)', { [`${ENCRYPTION}.shell.data.protection`]: 5 }),
      status: 'warn',
      reason: 'is not encrypted',
    },
    // Explorer gives no value and a standard user may not read Win32_EncryptableVolume.
    {
      ...recorded('adsi-fallback'),
      status: 'error',
      reason: 'Whether the disk is encrypted can only be read with administrator rights. Run again as administrator.',
    },
    // Elevated: Win32_EncryptableVolume's conversion status 0, fully decrypted.
    { ...recorded('win10-22h2'), status: 'warn', reason: 'The system disk (C:) is not encrypted' },
    {
      ...changed('win10-22h2', 'elevated, fully encrypted and protected', {
        [`${ENCRYPTION}.volume.data`]: { protectionStatus: 1, conversionStatus: 1 },
      }),
      status: 'pass',
      reason: 'is encrypted (bitlocker).',
    },
    {
      ...changed('win10-22h2', 'elevated, fully encrypted with protection suspended', {
        [`${ENCRYPTION}.volume.data`]: { protectionStatus: 0, conversionStatus: 1 },
      }),
      profile: 'police',
      status: 'fail',
      reason: 'is not encrypted, and this profile requires it.',
    },
    {
      ...changed('win10-22h2', 'elevated, the volume class failing and Explorer silent', {
        [`${ENCRYPTION}.volume`]: { ok: false, error: 'Invalid namespace ' },
        [`${ENCRYPTION}.shell.data.protection`]: null,
      }),
      status: 'error',
      reason:
        'could not be determined (Win32_EncryptableVolume: Invalid namespace , ' +
        'Explorer gave no BitLocker state for C:).',
    },
  ],
  'access.screen-lock': [
    // The Group Policy screen saver: 5 minutes, password on resume.
    {
      ...recorded('domain-joined'),
      status: 'pass',
      reason: 'The screen locks after 5 minutes and asks for the password.',
    },
    { ...recorded('domain-joined'), profile: 'police', status: 'pass', reason: 'locks after 5 minutes' },
    // No screen saver chosen (SCRNSAVE.EXE missing), no inactivity limit: as Windows installs itself.
    { ...recorded('win11-24h2-vi'), status: 'fail', reason: 'The screen does not lock itself.' },
    { ...recorded('adsi-fallback'), status: 'fail', reason: 'The screen does not lock itself.' },
    // A secure screen saver after 15 minutes: too late at the office, accepted at school.
    {
      ...recorded('win10-22h2'),
      status: 'fail',
      reason: 'The screen locks only after 15 minutes (at most 10 allowed).',
    },
    { ...recorded('win10-22h2'), profile: 'school', status: 'pass', reason: 'The screen locks after 15 minutes' },
    {
      ...recorded('win10-22h2'),
      profile: 'police',
      status: 'fail',
      reason: 'only after 15 minutes (at most 5 allowed).',
    },
    // The machine inactivity limit of 600 s locks the session whatever the screen saver.
    { ...recorded('redirected-downloads'), status: 'pass', reason: 'The screen locks after 10 minutes' },
    {
      ...recorded('redirected-downloads'),
      profile: 'police',
      status: 'fail',
      reason: 'only after 10 minutes (at most 5 allowed).',
    },
    // A screen saver without "On resume, display logon screen" hides the screen but does not lock it.
    {
      ...changed('win10-22h2', 'the screen saver not secure', { [`${SCREEN_SAVER}.secure`]: '0' }),
      status: 'fail',
      reason: 'The screen does not lock itself.',
    },
  ],
  'access.admin-daily-use': [
    // An administrator in a UAC-filtered token still is one.
    { ...recorded('win11-24h2-vi'), status: 'fail', reason: 'The account used every day is an administrator.' },
    { ...recorded('win10-22h2'), status: 'fail', reason: 'The account used every day is an administrator.' },
    { ...recorded('domain-joined'), status: 'pass', reason: 'The account in use is a standard account.' },
    { ...recorded('school-lab'), status: 'pass', reason: 'The account in use is a standard account.' },
    {
      ...changed('win11-24h2-vi', 'run as SYSTEM (a service)', { [`${ACCOUNTS}.currentUserSid`]: 'S-1-5-18' }),
      status: 'error',
      reason: 'Whether the account in use is an administrator could not be determined.',
    },
    {
      ...changed('win11-24h2-vi', 'token groups unreadable', { [`${ACCOUNTS}.admin`]: DENIED }),
      status: 'error',
      reason: 'could not be determined.',
    },
  ],
  'access.guest-enabled': [
    {
      ...recorded('win11-24h2-vi'),
      status: 'fail',
      reason: 'The guest account is on: anyone can use this PC without a password.',
    },
    { ...recorded('win11-24h2-vi'), profile: 'school', status: 'warn', reason: 'accepted on shared school PCs' },
    { ...recorded('win11-24h2-vi'), profile: 'police', status: 'fail', reason: 'The guest account is on' },
    {
      ...recorded('school-lab'),
      profile: 'school',
      status: 'warn',
      reason: 'The guest account is on (accepted on shared school PCs',
    },
    { ...recorded('win10-22h2'), status: 'pass', reason: 'The guest account is off.' },
    // From ADSI UserFlags (ACCOUNTDISABLE) when Get-LocalUser is missing.
    { ...recorded('adsi-fallback'), status: 'pass', reason: 'The guest account is off.' },
    { ...recorded('section-failure'), status: 'error', reason: 'Windows PowerShell could not read the accounts facts' },
  ],
  'access.auto-logon': [
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'The PC asks for a login at start-up.' },
    // No AutoAdminLogon value at all.
    { ...recorded('redirected-downloads'), status: 'pass', reason: 'The PC asks for a login at start-up.' },
    {
      ...recorded('win10-22h2'),
      status: 'fail',
      reason: 'The PC logs admin in by itself and the password is stored in readable form.',
    },
    { ...recorded('win10-22h2'), profile: 'police', status: 'fail', reason: 'stored in readable form.' },
    {
      ...recorded('school-lab'),
      status: 'fail',
      reason: 'The PC logs Học sinh in by itself and the password is stored',
    },
    {
      ...recorded('school-lab'),
      profile: 'school',
      status: 'warn',
      reason: 'The PC logs Học sinh in by itself (accepted on shared school PCs).',
    },
    // Sysinternals Autologon keeps the password as an LSA secret: no DefaultPassword value.
    {
      ...changed('win10-22h2', 'no DefaultPassword value', {
        [`${ACCOUNTS}.autoLogon.data.defaultPasswordStored`]: false,
      }),
      status: 'fail',
      reason: 'The PC logs admin in by itself at start-up, no password asked.',
    },
    {
      ...changed('win11-24h2-vi', 'Winlogon unreadable', { [`${ACCOUNTS}.autoLogon`]: DENIED }),
      status: 'error',
      reason: 'The automatic login settings could not be read.',
    },
  ],
  'scam.remote-access-tools': [
    // UltraViewer installed, a portable AnyDesk running.
    { ...recorded('win11-24h2-vi'), status: 'fail', reason: 'Remote-control software found: ultraviewer, anydesk.' },
    { ...recorded('school-lab'), status: 'fail', reason: 'Remote-control software found: ultraviewer.' },
    { ...recorded('redirected-downloads'), status: 'fail', reason: 'Remote-control software found: teamviewer.' },
    { ...recorded('win11-24h2-vi'), params: { allowed: ['ultraviewer'] }, status: 'fail', reason: 'found: anydesk.' },
    {
      ...recorded('win11-24h2-vi'),
      params: { allowed: ['ultraviewer', 'anydesk'] },
      status: 'warn',
      reason: 'Allowed remote-control software is running',
    },
    {
      ...changed('win11-24h2-vi', 'AnyDesk closed', { [RUNNING]: WIN11_RUNNING_WITHOUT_ANYDESK }),
      params: { allowed: ['ultraviewer'] },
      status: 'pass',
      reason: 'No remote-control software outside the allowed list.',
    },
    { ...recorded('win10-22h2'), status: 'pass', reason: 'No remote-control software outside the allowed list.' },
    {
      ...recorded('section-failure'),
      status: 'error',
      reason: 'could not read the software facts: Quyền truy cập bị từ chối.',
    },
  ],
  'scam.untrusted-apk': [
    {
      ...recorded('win11-24h2-vi'),
      status: 'pass',
      reason: 'No .apk file in the download, Zalo and Telegram folders.',
    },
    { ...apkInDownloads(), status: 'fail', reason: '1 Android app file(s):' },
    { ...apkOnDesktop(), status: 'fail', reason: 'DichVuCong.apk' },
    {
      ...recorded('section-failure'),
      status: 'error',
      reason: 'the folders facts from PowerShell have an unexpected shape',
    },
  ],
  'software.browser-outdated': [
    // Chrome 156, Cốc Cốc 155 and Edge 156 on the day the version table was recorded.
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'Every browser is current (version table of 2026-11-29).' },
    // Firefox ESR 153 is a supported Extended Support Release.
    { ...recorded('redirected-downloads'), status: 'pass', reason: 'Every browser is current' },
    {
      ...recorded('win10-22h2'),
      status: 'fail',
      reason: 'Browsers more than 2 versions behind: chrome 109.0.5414.120.',
    },
    { ...recorded('school-lab'), status: 'fail', reason: 'chrome 109.0.5414.120.' },
    {
      ...recorded('adsi-fallback'),
      status: 'fail',
      reason: 'Browsers more than 2 versions behind: coccoc 128.0.6613.172.',
    },
    // Chrome 154, two majors behind: enough at the office, not for the police.
    { ...recorded('domain-joined'), status: 'pass', reason: 'Every browser is current' },
    {
      ...recorded('domain-joined'),
      profile: 'police',
      status: 'fail',
      reason: 'Browsers more than 1 versions behind: chrome 154.0.8390.108.',
    },
    {
      ...changed('win10-22h2', 'Chrome and Office removed', { [PROGRAMS]: WIN10_NEITHER_BROWSER_NOR_OFFICE }),
      status: 'not_applicable',
      reason: 'No browser found to check.',
    },
    {
      ...changed('win10-22h2', 'Chrome without DisplayVersion', { [`${PROGRAMS}.0.version`]: null }),
      status: 'error',
      reason: 'The version of some browsers could not be read.',
    },
  ],
  'software.office-unsupported': [
    { ...recorded('win11-24h2-vi'), status: 'pass', reason: 'The office suite is still supported.' },
    { ...recorded('redirected-downloads'), status: 'pass', reason: 'The office suite is still supported.' },
    {
      ...recorded('adsi-fallback'),
      status: 'fail',
      reason: 'Office suites no longer supported: Microsoft Office Home and Student 2016 - vi-vn.',
    },
    {
      ...recorded('win10-22h2'),
      status: 'fail',
      reason: 'no longer supported: Microsoft Office Professional Plus 2013.',
    },
    {
      ...recorded('school-lab'),
      status: 'fail',
      reason: 'no longer supported: Microsoft Office Professional Plus 2010.',
    },
    // Office LTSC 2021 stopped getting fixes on 2026-10-13.
    { ...recorded('domain-joined'), status: 'fail', reason: 'Microsoft Office LTSC Professional Plus 2021 - vi-vn.' },
    {
      ...changed('win10-22h2', 'Chrome and Office removed', { [PROGRAMS]: WIN10_NEITHER_BROWSER_NOR_OFFICE }),
      status: 'not_applicable',
      reason: 'No office suite found to check.',
    },
    {
      ...changed('win10-22h2', 'WPS Office instead of Microsoft Office', {
        [`${PROGRAMS}.1`]: program('WPS Office (11.2.0.11537)', '11.2.0.11537'),
      }),
      status: 'not_applicable',
      reason: 'No office suite found to check.',
    },
    // 16.0 is 2016, 2019, 2021 and 2024 alike: without a year in the name the release is unknown.
    {
      ...changed('win10-22h2', 'an Office 16.0 named without its year', {
        [`${PROGRAMS}.1`]: program('Microsoft Office Professional Plus - vi-vn', '16.0.10417.20007'),
      }),
      status: 'error',
      reason: "The office suite's release could not be determined.",
    },
  ],
  'media.autorun-enabled': [
    // NoDriveTypeAutoRun 0x91, Windows' own default: CD-ROM drives (and USB sticks posing as one) run autorun.inf.
    { ...recorded('win11-24h2-vi'), status: 'fail', reason: 'AutoRun from removable drives is on.' },
    // No policy at all: the same default.
    { ...recorded('redirected-downloads'), status: 'fail', reason: 'AutoRun from removable drives is on.' },
    { ...recorded('win10-22h2'), status: 'fail', reason: 'AutoRun from removable drives is on.' },
    // NoDriveTypeAutoRun 0xFF and NoAutorun 1 by Group Policy, AutoPlay off.
    { ...recorded('domain-joined'), status: 'pass', reason: 'Removable drives neither run nor open by themselves.' },
    {
      ...changed('win11-24h2-vi', 'NoAutorun = 1 only', { [`${AUTORUN}.machine.noAutorun`]: 1 }),
      status: 'fail',
      reason: 'AutoPlay for removable drives is on.',
    },
    {
      ...changed('win11-24h2-vi', 'NoAutorun = 1 and AutoPlay switched off', {
        [`${AUTORUN}.machine.noAutorun`]: 1,
        [`${AUTORUN}.disableAutoplay`]: 1,
      }),
      status: 'pass',
      reason: 'Removable drives neither run nor open by themselves.',
    },
    {
      ...changed('win11-24h2-vi', '"Turn off AutoPlay" for all drives (0xB5)', {
        [`${AUTORUN}.machine.noDriveTypeAutoRun`]: 0xb5,
      }),
      status: 'pass',
      reason: 'Removable drives neither run nor open by themselves.',
    },
  ],
  'access.empty-password': [
    { ...recorded('win11-24h2-vi'), status: 'fail', reason: 'Account(s) without a password: Guest.' },
    { ...recorded('adsi-fallback'), status: 'fail', reason: 'Account(s) without a password: Văn thư.' },
    { ...recorded('school-lab'), status: 'fail', reason: 'Account(s) without a password: Guest, Học sinh.' },
    { ...recorded('win10-22h2'), status: 'pass', reason: 'Every account that can log in has a password.' },
    { ...recorded('domain-joined'), status: 'pass', reason: 'Every account that can log in has a password.' },
    {
      ...changed('win11-24h2-vi', 'the Guest switched off', { [`${ACCOUNTS}.localUsers.data.users.2.enabled`]: false }),
      status: 'pass',
      reason: 'Every account that can log in has a password.',
    },
    { ...recorded('section-failure'), status: 'error', reason: 'Windows PowerShell could not read the accounts facts' },
  ],
}

/**
 * Rules with no appliesWhen: not applicable is not one of their outcomes on any platform. The others that can
 * never be not applicable on Windows say why.
 */
const ALWAYS_APPLY_ON_WINDOWS: Record<string, string> = {
  'access.screen-lock': 'the Windows collector always reports a desktop',
  'media.autorun-enabled': 'the rule applies on Windows by its platform',
}

async function ruleIds(): Promise<string[]> {
  const baseline = (await builtinPacks()).rules.filter((rule) => rule.origin.file.endsWith('baseline.yaml'))
  return [...baseline.map((rule) => rule.id), 'access.empty-password']
}

async function ruleById(id: string) {
  const rule = (await builtinPacks()).rules.find((entry) => entry.id === id)
  if (!rule) throw new Error(`no rule ${id}`)
  return rule
}

const title = ({ pc, profile, params, status }: Case): string =>
  `${status} on ${pc}${profile ? ` (${profile} profile)` : ''}${params ? ` with ${JSON.stringify(params)}` : ''}`

describe('baseline checks on the recorded Windows PCs', () => {
  it('has a Windows case for every baseline rule and access.empty-password, passing and failing', async () => {
    expect(Object.keys(CASES).sort()).toEqual((await ruleIds()).sort())
    for (const [id, cases] of Object.entries(CASES)) {
      const statuses = new Set(cases.map((entry) => entry.status))
      expect({ id, pass: statuses.has('pass'), fail: statuses.has('fail') }).toEqual({ id, pass: true, fail: true })
      const notApplicable = statuses.has('not_applicable')
      const rule = await ruleById(id)
      // Either a not-applicable case, or the reason it cannot happen on Windows (tested below).
      const cannot = rule.appliesWhen === null || id in ALWAYS_APPLY_ON_WINDOWS
      expect({ id, covered: notApplicable !== cannot }).toEqual({ id, covered: true })
      expect({ id, platforms: rule.platforms }).toEqual({ id, platforms: expect.arrayContaining(['windows']) })
    }
  })

  describe.each(Object.entries(CASES))('%s', (id, cases) => {
    it.each(cases.map((entry) => [title(entry), entry] as const))('%s', async (_, entry) => {
      const snapshot = await checkedWindowsSnapshot(await entry.output())
      const result = await evaluateBuiltin(id, snapshot, { profile: entry.profile, params: entry.params })
      expect(result.message).toContain(entry.reason)
      expect(result.status).toBe(entry.status)
    })
  })
})

describe('outcomes that cannot occur on Windows', () => {
  it('not applicable: never for a rule without appliesWhen, on any recorded PC', async () => {
    const ids: string[] = []
    for (const id of Object.keys(CASES)) if ((await ruleById(id)).appliesWhen === null) ids.push(id)
    expect(ids).toContain('access.empty-password')
    for (const fixture of FIXTURES) {
      const snapshot = await checkedWindowsSnapshot(fixture)
      for (const id of ids) {
        const { status } = await evaluateBuiltin(id, snapshot)
        const notApplicable = status === 'not_applicable'
        expect({ id, fixture, notApplicable }).toEqual({ id, fixture, notApplicable: false })
      }
    }
  })

  it.each(Object.entries(ALWAYS_APPLY_ON_WINDOWS))('not applicable: never for %s, as %s', async (id) => {
    expect((await ruleById(id)).appliesWhen).not.toBeNull()
    for (const fixture of FIXTURES) {
      const snapshot = await checkedWindowsSnapshot(fixture)
      const screenlock = snapshot.probes.screenlock
      expect(screenlock?.status === 'ok' && (screenlock.facts as { desktop: boolean }).desktop).toBe(true)
      expect(snapshot.device.os.platform).toBe('windows')
      const { status } = await evaluateBuiltin(id, snapshot)
      expect({ fixture, notApplicable: status === 'not_applicable' }).toEqual({ fixture, notApplicable: false })
    }
  })

  it('screen lock: "opens again without the password" is never said: Windows then counts no lock', async () => {
    const output = printed(withChanges(fixtureJson('win10-22h2'), { [`${SCREEN_SAVER}.secure`]: '0' }))
    const result = await evaluateBuiltin('access.screen-lock', await checkedWindowsSnapshot(output))
    expect(result.message).not.toContain('without the password')
  })
})
