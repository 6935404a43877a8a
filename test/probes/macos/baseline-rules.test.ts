// From recorded macOS outputs through the macOS collectors to the baseline rules' verdicts, each for the right reason.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProfileName } from '../../../src/engine/profiles.js'
import type { Status } from '../../../src/engine/score.js'
import { probeById } from '../../../src/probes/registry.js'
import type { Probe } from '../../../src/probes/probe.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import { builtinPacks, evaluateBuiltin, type EvaluateOptions } from '../../helpers/engine.js'
import { snapshotOf } from '../../helpers/facts.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'
import { collectProbesOnMac, macFixture, plistDict, SYSTEM_VERSION, type MacCommand } from './macos-test-kit.js'

const LOGIN_WINDOW = 'Library/Preferences/com.apple.loginwindow.plist'
const INSTALL_HISTORY = 'Library/Receipts/InstallHistory.plist'
const XPROTECT = 'Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist'
const REMOTE_MANAGEMENT = 'Library/Application Support/Apple/Remote Desktop/RemoteManagement.launchd'
const SMB_SERVER = 'Library/Preferences/SystemConfiguration/com.apple.smb.server.plist'
const MANAGED_FIREWALL = 'Library/Managed Preferences/com.apple.security.firewall.plist'
const DSCL_USERS = 'dscl -plist . -readall /Users RecordName UniqueID UserShell AuthenticationAuthority accountPolicyData'
const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate'
/** When the fixture's InstallHistory.plist records the last XProtectPlistConfigData update. */
const HISTORY_XPROTECT_DATE = '2026-11-27T20:15:52Z'
/** `id -Gn` of a standard account and of an administrator (as in the accounts probe's tests). */
const STANDARD_GROUPS = 'staff everyone localaccounts _appserverusr com.apple.sharepoint.group.1\n'
const ADMIN_GROUPS = 'staff everyone localaccounts _appserverusr admin _appserveradm _lpadmin _developer\n'

/** sysadminctl logs its answer on stderr after a timestamp and its process ids (platform reference §5.3). */
function lockLine(status: string): StubAnswer {
  return { stderr: `2026-11-29 09:12:44.321 sysadminctl[2291:41022] ${status}\n` }
}

/** socketfilterfw's reply for a global state (platform reference §5.1; Mondoo's parser tests). */
function firewallState(state: 0 | 1 | 2): StubAnswer {
  return { stdout: `Firewall is ${state === 0 ? 'disabled' : 'enabled'}. (State = ${state})\n` }
}

type InfoPlist = Record<string, string>

/** A Mac of a ward office; each case says what its Mac has that this healthy one has not. */
interface BaselineMac {
  /** When XProtect's signatures last changed: its bundle's file time and the install history's entry. */
  signaturesAt: string
  spctl: StubAnswer
  socketfilterfw: StubAnswer
  /** Configuration-profile files under /Library/Managed Preferences and other system files. */
  extraSystem: Record<string, string>
  fdesetup: StubAnswer
  sysadminctl: StubAnswer
  screenSaverIdle: StubAnswer
  displaySleepMinutes: number
  /** launchd labels the fixture lists as disabled that this Mac has switched on. */
  sharingOn: string[]
  /** Replaces the fixture's `launchctl print-disabled system`. */
  launchctl: StubAnswer | null
  remoteManagement: boolean
  smbServer: Record<string, number | boolean> | null
  /** dscl lists the fixture's share points: asked only when File Sharing is on or its state unknown. */
  sharePoints: boolean
  groups: StubAnswer
  guest: boolean
  autoLoginUser: string | null
  kcpassword: boolean
  /** App bundles of /Applications by folder name, with their Info.plist keys. */
  apps: Record<string, InfoPlist>
  anyDeskRunning: boolean
  downloads: Record<string, string>
}

const CHROME: InfoPlist = {
  CFBundleDisplayName: 'Google Chrome',
  CFBundleName: 'Chrome',
  CFBundleShortVersionString: '156.0.8078.73',
  CFBundleVersion: '8078.73',
}
const LIBREOFFICE: InfoPlist = { CFBundleName: 'LibreOffice', CFBundleShortVersionString: '26.8.2.2' }

const HEALTHY: BaselineMac = {
  signaturesAt: '2026-11-28T07:00:00Z',
  spctl: { stdout: 'assessments enabled\n' },
  socketfilterfw: firewallState(1),
  extraSystem: {},
  fdesetup: { stdout: 'FileVault is On.\n' },
  sysadminctl: lockLine('screenLock delay is immediate'),
  screenSaverIdle: { stdout: '300\n' },
  displaySleepMinutes: 10,
  sharingOn: [],
  launchctl: null,
  remoteManagement: false,
  smbServer: null,
  sharePoints: false,
  groups: { stdout: STANDARD_GROUPS },
  guest: false,
  autoLoginUser: null,
  kcpassword: false,
  apps: { 'Google Chrome.app': CHROME, 'LibreOffice.app': LIBREOFFICE },
  anyDeskRunning: false,
  downloads: {},
}

async function systemFiles(mac: BaselineMac): Promise<Record<string, string | TreeFile>> {
  const guestPlist = await macFixture('loginwindow-guest.plist')
  let loginWindow = mac.guest ? guestPlist : guestPlist.replace('<true/>', '<false/>')
  if (mac.autoLoginUser !== null) {
    const key = `<key>autoLoginUser</key>\n\t<string>${mac.autoLoginUser}</string>\n\t<key>GuestEnabled</key>`
    loginWindow = loginWindow.replace('<key>GuestEnabled</key>', key)
  }
  const history = (await macFixture('InstallHistory.plist')).replace(HISTORY_XPROTECT_DATE, mac.signaturesAt)
  const apps = Object.entries(mac.apps).map(([bundle, info]) => [`Applications/${bundle}/Contents/Info.plist`, plistDict(info)])
  return {
    [SYSTEM_VERSION]: await macFixture('SystemVersion-15.1.plist'),
    [LOGIN_WINDOW]: loginWindow,
    [INSTALL_HISTORY]: history,
    [XPROTECT]: { content: plistDict({ CFBundleShortVersionString: '5322' }), mtime: new Date(mac.signaturesAt) },
    ...(mac.kcpassword ? { 'etc/kcpassword': 'obfuscated' } : {}),
    ...(mac.remoteManagement ? { [REMOTE_MANAGEMENT]: 'enabled\n' } : {}),
    ...(mac.smbServer ? { [SMB_SERVER]: plistDict(mac.smbServer) } : {}),
    ...Object.fromEntries(apps),
    ...mac.extraSystem,
  }
}

/** The commands each probe runs on this Mac, with its recorded answers. */
async function commandsOf(mac: BaselineMac, probe: string): Promise<MacCommand[]> {
  switch (probe) {
    case 'os':
      return [['ioreg -rd1 -c IOPlatformExpertDevice', { stdout: await macFixture('ioreg-platform-expert.txt') }]]
    case 'accounts':
      return [
        [DSCL_USERS, { stdout: await macFixture('dscl-readall-users.xml') }],
        ['pwpolicy -getaccountpolicies', { stdout: await macFixture('pwpolicy-90-days.txt') }],
        ['id -Gn an', mac.groups],
      ]
    case 'downloads':
      // Only files with a risky name are asked about; without the attribute xattr exits 1.
      return Object.keys(mac.downloads).length > 0 ? [[/^xattr -p com\.apple\.quarantine /, { exitCode: 1 }]] : []
    case 'antivirus':
      return [['spctl --status', mac.spctl]]
    case 'firewall':
      return [[SOCKETFILTERFW, mac.socketfilterfw]]
    case 'encryption':
      return [['fdesetup status', mac.fdesetup]]
    case 'screenlock': {
      const pmset = (await macFixture('pmset-g.txt')).replace('displaysleep         10', `displaysleep ${mac.displaySleepMinutes}`)
      return [
        ['sysadminctl -screenLock status', mac.sysadminctl],
        ['defaults -currentHost read com.apple.screensaver idleTime', mac.screenSaverIdle],
        ['pmset -g', { stdout: pmset }],
      ]
    }
    case 'software': {
      const ps = await macFixture('ps-axco-comm.txt')
      return [['ps -axco comm=', { stdout: mac.anyDeskRunning ? ps : ps.replace('AnyDesk\n', '') }]]
    }
    case 'sharing': {
      let overrides = await macFixture('launchctl-print-disabled-system.txt')
      for (const label of mac.sharingOn) overrides = overrides.replace(`"${label}" => disabled`, `"${label}" => enabled`)
      const commands: MacCommand[] = [['launchctl print-disabled system', mac.launchctl ?? { stdout: overrides }]]
      if (mac.sharePoints) {
        commands.push(['dscl -plist . -readall /SharePoints', { stdout: await macFixture('dscl-readall-sharepoints.xml') }])
      }
      return commands
    }
    case 'autorun':
      return []
    default:
      throw new Error(`no recorded outputs for the ${probe} probe`)
  }
}

/** The facts of the probes a rule reads, collected on one fake Mac by their macOS collectors. */
async function macFacts(mac: BaselineMac, probeIds: readonly string[]): Promise<Record<string, unknown>> {
  const ids = [...new Set(['os', ...probeIds])]
  const probes = ids.map((id) => probeById(id)).filter((probe): probe is Probe => probe !== undefined)
  const commands = (await Promise.all(ids.map((id) => commandsOf(mac, id)))).flat()
  const home = await tempTree({ 'Downloads/': '', ...mac.downloads })
  return collectProbesOnMac(probes, { system: await systemFiles(mac), home, commands })
}

interface Case {
  name: string
  mac?: Partial<BaselineMac>
  profile?: ProfileName
  params?: Record<string, unknown>
  status: Status
  /** What the message must contain. */
  reason: string
}

/** The rule's verdict on the healthy Mac changed by `mac`, its facts collected from the probes it reads. */
async function judge(id: string, mac: Partial<BaselineMac> = {}, options: EvaluateOptions = {}) {
  const { rules } = await builtinPacks()
  const rule = rules.find((r) => r.id === id)
  if (!rule) throw new Error(`no rule ${id}`)
  return evaluateBuiltin(id, snapshotOf(await macFacts({ ...HEALTHY, ...mac }, rule.probes)), options)
}

/**
 * No Mac was at hand: the outputs are the constructed fixtures of test/fixtures/macos (see its
 * README) and answers written after published formats: `spctl --status` (Ansible and Sal plugins),
 * socketfilterfw's `(State = n)` (platform reference §5.1, Mondoo's tests), `fdesetup status`
 * (§5.2; the in-progress line is unverified), sysadminctl's stderr line (§5.3; whether it answers
 * without authentication is unverified), `launchctl print-disabled system` and the SharePoints
 * records (Mondoo's tests, a capture on macOS 26.5.2 in a public test suite), GuestEnabled and
 * autoLoginUser (§1.3). App versions and the XProtect version are made up.
 */
const CASES: Record<string, Case[]> = {
  'malware.antivirus-active': [
    { name: 'XProtect updated a day ago, Gatekeeper on', status: 'pass', reason: 'Protected by: XProtect' },
    {
      name: 'Gatekeeper off (spctl: assessments disabled, exit 1)',
      mac: { spctl: { exitCode: 1, stdout: 'assessments disabled\n' } },
      status: 'fail',
      reason: 'has real-time scanning off or signatures older than 3 days',
    },
    {
      name: 'signatures 60 days old',
      mac: { signaturesAt: '2026-09-30T09:00:00Z' },
      status: 'fail',
      reason: 'signatures older than 3 days',
    },
    {
      name: 'signatures 2 days old pass the office profile',
      mac: { signaturesAt: '2026-11-27T06:00:00Z' },
      status: 'pass',
      reason: 'Protected by: XProtect',
    },
    {
      name: 'signatures 2 days old fail the police profile (at most 1 day)',
      mac: { signaturesAt: '2026-11-27T06:00:00Z' },
      profile: 'police',
      status: 'fail',
      reason: 'signatures older than 1 days',
    },
    {
      name: 'spctl missing: Gatekeeper unknown',
      mac: { spctl: { notFound: true } },
      status: 'error',
      reason: 'The antivirus state could not be read (spctl --status: command not found)',
    },
  ],
  'network.firewall-enabled': [
    { name: 'application firewall on (State = 1)', status: 'pass', reason: 'The firewall is on' },
    {
      name: 'blocking all incoming connections (State = 2)',
      mac: { socketfilterfw: firewallState(2) },
      status: 'pass',
      reason: 'The firewall is on',
    },
    {
      name: 'application firewall off (State = 0)',
      mac: { socketfilterfw: firewallState(0) },
      status: 'fail',
      reason: 'The firewall is off',
    },
    {
      name: 'a managed Mac: socketfilterfw refuses, the profile enables it',
      mac: {
        socketfilterfw: { stdout: 'Firewall settings cannot be modified from command line on managed Mac computers.\n' },
        extraSystem: { [MANAGED_FIREWALL]: plistDict({ EnableFirewall: true }) },
      },
      status: 'pass',
      reason: 'The firewall is on',
    },
    {
      name: 'socketfilterfw times out and no preferences say',
      mac: { socketfilterfw: { timedOut: true } },
      status: 'error',
      reason: 'socketfilterfw --getglobalstate: timed out',
    },
  ],
  // The rule is for Windows and Samba only: File Sharing's own SMB 1 bit is collected but not judged on a Mac.
  'network.smb1-enabled': [
    {
      name: 'even with File Sharing accepting SMB 1 (ProtocolVersionMap 7)',
      mac: {
        sharingOn: ['com.apple.smbd'],
        smbServer: { ProtocolVersionMap: 7 },
        sharePoints: true,
      },
      status: 'not_applicable',
      reason: 'Does not apply on macos.',
    },
  ],
  'network.rdp-exposed': [
    { name: 'Screen Sharing and Remote Management off', status: 'pass', reason: 'Remote desktop is off.' },
    {
      name: 'Screen Sharing on',
      mac: { sharingOn: ['com.apple.screensharing'] },
      status: 'warn',
      reason: 'Remote desktop is on (Screen Sharing)',
    },
    {
      name: 'Remote Management on',
      mac: { remoteManagement: true },
      status: 'warn',
      reason: 'Remote desktop is on (Remote Management)',
    },
  ],
  'network.file-sharing': [
    { name: 'File Sharing off', status: 'pass', reason: 'No folder is shared with everyone.' },
    {
      name: 'File Sharing on, the server refusing guests',
      mac: {
        sharingOn: ['com.apple.smbd'],
        smbServer: { AllowGuestAccess: false, ProtocolVersionMap: 6 },
        sharePoints: true,
      },
      status: 'pass',
      reason: 'No folder is shared with everyone.',
    },
    {
      name: 'the Public folder shared with guests',
      mac: {
        sharingOn: ['com.apple.smbd'],
        smbServer: { AllowGuestAccess: true, ProtocolVersionMap: 6 },
        sharePoints: true,
      },
      status: 'fail',
      reason: "Folders shared with everyone on the network: an's Public Folder",
    },
  ],
  'data.disk-encrypted': [
    { name: 'FileVault on', status: 'pass', reason: 'The system disk (/) is encrypted (filevault).' },
    {
      name: 'FileVault off is a warning for the office',
      mac: { fdesetup: { stdout: 'FileVault is Off.\n' } },
      status: 'warn',
      reason: 'The system disk (/) is not encrypted: if the PC is lost, its data can be read.',
    },
    {
      name: 'FileVault off fails the police profile',
      mac: { fdesetup: { stdout: 'FileVault is Off.\n' } },
      profile: 'police',
      status: 'fail',
      reason: 'is not encrypted, and this profile requires it',
    },
    {
      name: 'still encrypting fails the police profile',
      mac: { fdesetup: { stdout: 'FileVault is On.\nEncryption in progress: Percent completed = 42.3\n' } },
      profile: 'police',
      status: 'fail',
      reason: 'is not encrypted, and this profile requires it',
    },
    {
      name: 'fdesetup fails',
      mac: { fdesetup: { exitCode: 1, stderr: 'Error: Unable to get FileVault status.\n' } },
      status: 'error',
      reason: 'could not be determined (fdesetup status: exit code 1',
    },
  ],
  'access.screen-lock': [
    {
      name: 'password at once, screen saver after 5 minutes',
      status: 'pass',
      reason: 'The screen locks after 5 minutes and asks for the password.',
    },
    {
      name: 'password asked 5 minutes after the screen saver: 10 minutes in all, too long for the police',
      mac: { sysadminctl: lockLine('screenLock delay is 300 seconds') },
      profile: 'police',
      status: 'fail',
      reason: 'The screen locks only after 10 minutes (at most 5 allowed).',
    },
    {
      name: 'screenLock is off',
      mac: { sysadminctl: lockLine('screenLock is off') },
      status: 'fail',
      reason: 'The screen does not lock itself.',
    },
    {
      // Some releases print -1 seconds for off (platform reference §5.3; a public macOS test-host script).
      name: 'screenLock delay is -1.000000 seconds, as some releases say off',
      mac: { sysadminctl: lockLine('screenLock delay is -1.000000 seconds') },
      status: 'fail',
      reason: 'The screen does not lock itself.',
    },
    {
      name: 'screen saver after 15 minutes, display sleep 30: too long for an office',
      mac: { screenSaverIdle: { stdout: '900\n' }, displaySleepMinutes: 30 },
      status: 'fail',
      reason: 'The screen locks only after 15 minutes (at most 10 allowed).',
    },
    {
      name: 'screen saver after 15 minutes is within the school profile\'s 20',
      mac: { screenSaverIdle: { stdout: '900\n' }, displaySleepMinutes: 30 },
      profile: 'school',
      status: 'pass',
      reason: 'The screen locks after 15 minutes',
    },
    {
      name: 'sysadminctl refused',
      mac: {
        sysadminctl: { exitCode: 1, stderr: 'sysadminctl[2291:41022] Operation is not permitted without secure token unlock.\n' },
      },
      status: 'error',
      reason: 'The screen lock settings could not be read.',
    },
  ],
  'access.admin-daily-use': [
    { name: 'a standard account', status: 'pass', reason: 'The account in use is a standard account.' },
    {
      name: 'the account is in group admin',
      mac: { groups: { stdout: ADMIN_GROUPS } },
      status: 'fail',
      reason: 'The account used every day is an administrator.',
    },
    {
      name: 'id gives no answer',
      mac: { groups: { exitCode: 1, stderr: 'id: an: no such user\n' } },
      status: 'error',
      reason: 'Whether the account in use is an administrator could not be determined.',
    },
  ],
  'access.guest-enabled': [
    { name: 'GuestEnabled false', status: 'pass', reason: 'The guest account is off.' },
    {
      name: 'GuestEnabled true',
      mac: { guest: true },
      status: 'fail',
      reason: 'The guest account is on: anyone can use this PC without a password.',
    },
    {
      name: 'GuestEnabled true on a school computer-room Mac',
      mac: { guest: true },
      profile: 'school',
      status: 'warn',
      reason: 'accepted on shared school PCs',
    },
    {
      name: 'the login window preferences are not a property list',
      mac: { extraSystem: { [LOGIN_WINDOW]: 'not a plist' } },
      status: 'error',
      reason: 'Whether the guest account is on could not be read.',
    },
  ],
  'access.auto-logon': [
    { name: 'no autoLoginUser, no /etc/kcpassword', status: 'pass', reason: 'The PC asks for a login at start-up.' },
    {
      name: 'autoLoginUser with its password in /etc/kcpassword',
      mac: { autoLoginUser: 'an', kcpassword: true },
      status: 'fail',
      reason: 'The PC logs an in by itself and the password is stored in readable form.',
    },
    {
      name: 'autoLoginUser without /etc/kcpassword',
      mac: { autoLoginUser: 'an' },
      status: 'fail',
      reason: 'The PC logs an in by itself at start-up, no password asked.',
    },
    {
      name: 'automatic login on a school computer-room Mac',
      mac: { autoLoginUser: 'an', kcpassword: true },
      profile: 'school',
      status: 'warn',
      reason: 'The PC logs an in by itself (accepted on shared school PCs).',
    },
    {
      name: 'the login window preferences are not a property list',
      mac: { extraSystem: { [LOGIN_WINDOW]: 'not a plist' } },
      status: 'error',
      reason: 'The automatic login settings could not be read.',
    },
  ],
  'access.empty-password': [
    {
      name: 'the Guest account is on',
      mac: { guest: true },
      status: 'fail',
      reason: 'Account(s) without a password: Guest.',
    },
    {
      name: 'without Guest nothing tells (ShadowHashData is root-only)',
      status: 'error',
      reason: 'macOS does not let programs read whether an, binh have an empty password',
    },
  ],
  'scam.remote-access-tools': [
    { name: 'no remote-control app', status: 'pass', reason: 'No remote-control software outside the allowed list.' },
    {
      name: 'TeamViewer.app in /Applications',
      mac: { apps: { ...HEALTHY.apps, 'TeamViewer.app': { CFBundleName: 'TeamViewer', CFBundleShortVersionString: '15.60.3' } } },
      status: 'fail',
      reason: 'Remote-control software found: teamviewer',
    },
    {
      name: 'AnyDesk running though no bundle is in /Applications',
      mac: { anyDeskRunning: true },
      status: 'fail',
      reason: 'Remote-control software found: anydesk',
    },
    {
      name: 'AnyDesk allowed by the unit, installed and running',
      mac: {
        anyDeskRunning: true,
        apps: { ...HEALTHY.apps, 'AnyDesk.app': { CFBundleName: 'AnyDesk', CFBundleShortVersionString: '9.0.5' } },
      },
      params: { allowed: ['anydesk'] },
      status: 'warn',
      reason: 'Allowed remote-control software is running',
    },
  ],
  'scam.untrusted-apk': [
    { name: 'an empty Downloads folder', status: 'pass', reason: 'No .apk file in the download, Zalo and Telegram folders.' },
    {
      name: 'a fake VNeID app in Downloads',
      mac: { downloads: { 'Downloads/VNeID.apk': 'x' } },
      status: 'fail',
      reason: '1 Android app file(s)',
    },
  ],
  'software.browser-outdated': [
    { name: 'Chrome 156, the current major', status: 'pass', reason: 'Every browser is current' },
    {
      name: 'Chrome 109',
      mac: { apps: { 'Google Chrome.app': { ...CHROME, CFBundleShortVersionString: '109.0.5414.119' } } },
      status: 'fail',
      reason: 'Browsers more than 2 versions behind: chrome 109.0.5414.119.',
    },
    {
      name: 'Chrome 154 is within the office profile\'s 2 majors',
      mac: { apps: { 'Google Chrome.app': { ...CHROME, CFBundleShortVersionString: '154.0.7900.12' } } },
      status: 'pass',
      reason: 'Every browser is current',
    },
    {
      name: 'Chrome 154 is past the police profile\'s 1 major',
      mac: { apps: { 'Google Chrome.app': { ...CHROME, CFBundleShortVersionString: '154.0.7900.12' } } },
      profile: 'police',
      status: 'fail',
      reason: 'Browsers more than 1 versions behind: chrome 154.0.7900.12.',
    },
    {
      // Safari updates with macOS and is judged by updates.pending, not here.
      name: 'only Safari, which updates with macOS',
      mac: { apps: { 'Safari.app': { CFBundleName: 'Safari', CFBundleShortVersionString: '18.1' } } },
      status: 'not_applicable',
      reason: 'No browser found to check.',
    },
  ],
  'software.office-unsupported': [
    { name: 'LibreOffice 26.8', status: 'pass', reason: 'The office suite is still supported.' },
    {
      name: 'LibreOffice 7.3',
      mac: { apps: { 'LibreOffice.app': { ...LIBREOFFICE, CFBundleShortVersionString: '7.3.7.2' } } },
      status: 'fail',
      reason: 'Office suites no longer supported: LibreOffice.',
    },
    { name: 'no office suite', mac: { apps: {} }, status: 'not_applicable', reason: 'No office suite found to check.' },
    // Office for Mac is one bundle per app, named without "Office" or a year: its release comes from the version.
    {
      name: 'Office 2011 for Mac (Word 14.7.7)',
      mac: { apps: { 'Microsoft Office 2011/Microsoft Word.app': { CFBundleName: 'Microsoft Word', CFBundleShortVersionString: '14.7.7' } } },
      status: 'fail',
      reason: 'Office suites no longer supported: Microsoft Office for Mac (Microsoft Word 14.7.7).',
    },
    {
      name: 'Office 2019 for Mac (Word 16.78)',
      mac: { apps: { 'Microsoft Word.app': { CFBundleName: 'Microsoft Word', CFBundleShortVersionString: '16.78' } } },
      status: 'fail',
      reason: 'Office suites no longer supported: Microsoft Office for Mac (Microsoft Word 16.78).',
    },
    {
      name: 'current Office for Mac (Word 16.103)',
      mac: { apps: { 'Microsoft Word.app': { CFBundleName: 'Microsoft Word', CFBundleShortVersionString: '16.103' } } },
      status: 'pass',
      reason: 'The office suite is still supported.',
    },
  ],
  // AutoRun and AutoPlay are Windows and Linux-desktop notions: a Mac never runs anything from a drive by itself.
  'media.autorun-enabled': [{ name: 'any Mac', status: 'not_applicable', reason: 'Does not apply on macos.' }],
}

/** Verdicts a rule cannot reach on a Mac, and why. */
const CANNOT_HAPPEN: Record<string, Partial<Record<Status, string>>> = {
  'malware.antivirus-active': { not_applicable: 'XProtect is on every Mac, so a product is always listed' },
  'network.firewall-enabled': { not_applicable: 'every Mac has the application firewall' },
  'network.smb1-enabled': { pass: 'not a macOS rule', fail: 'not a macOS rule' },
  'network.rdp-exposed': {
    fail: 'Network Level Authentication is a Windows notion: a Mac with Screen Sharing on only warns',
    not_applicable: 'the rule has no appliesWhen',
  },
  'network.file-sharing': { not_applicable: 'the rule has no appliesWhen' },
  'data.disk-encrypted': { not_applicable: 'the rule has no appliesWhen' },
  'access.screen-lock': { not_applicable: 'a Mac always has a desktop (screenlock.desktop is true)' },
  'access.admin-daily-use': { not_applicable: 'the rule has no appliesWhen' },
  'access.guest-enabled': { not_applicable: 'the rule has no appliesWhen' },
  'access.auto-logon': { not_applicable: 'the rule has no appliesWhen' },
  'access.empty-password': {
    pass: 'only root may read ShadowHashData, so a human account\'s empty password is never known to be false',
    not_applicable: 'the rule has no appliesWhen',
  },
  'scam.remote-access-tools': { not_applicable: 'the rule has no appliesWhen' },
  'scam.untrusted-apk': { not_applicable: 'the rule has no appliesWhen' },
  'media.autorun-enabled': { pass: 'not a macOS rule', fail: 'not a macOS rule' },
}

for (const [id, cases] of Object.entries(CASES)) {
  describe(id, () => {
    it.each(cases)('$status: $name', async (verdict) => {
      const result = await judge(id, verdict.mac, { profile: verdict.profile, params: verdict.params })
      expect({ status: result.status, message: result.message }).toEqual({
        status: verdict.status,
        message: expect.stringContaining(verdict.reason),
      })
    })
  })
}

describe('the macOS cases of the baseline rules', () => {
  it('cover every rule of rules/02-baseline.yaml and access.empty-password', async () => {
    const { rules } = await builtinPacks()
    const baseline = rules.filter((rule) => path.basename(rule.origin.file) === '02-baseline.yaml' && !rule.deprecated)
    expect(baseline.length).toBeGreaterThan(0)
    const ids = [...baseline.map((rule) => rule.id), 'access.empty-password'].sort()
    expect(Object.keys(CASES).sort()).toEqual(ids)
  })

  it('judge pass, fail and not applicable wherever a Mac can reach them, and say why not elsewhere', async () => {
    for (const [id, cases] of Object.entries(CASES)) {
      const reached = new Set(cases.map((verdict) => verdict.status))
      for (const status of ['pass', 'fail', 'not_applicable'] as const) {
        const why = CANNOT_HAPPEN[id]?.[status]
        expect({ id, status, reached: reached.has(status), explained: why !== undefined }).toEqual({
          id,
          status,
          reached: why === undefined,
          explained: why !== undefined,
        })
      }
    }
  })
})

describe('an unreadable remote desktop state on macOS', () => {
  it('network.rdp-exposed is an error, not "off", when launchctl does not answer', async () => {
    const launchctl: StubAnswer = { exitCode: 113, stderr: 'Could not find domain for system\n' }
    const result = await judge('network.rdp-exposed', { launchctl, sharePoints: true })
    expect(result.status).toBe('error')
  })
})
