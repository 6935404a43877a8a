// From recorded Linux outputs through the collectors to the baseline verdicts: pass, fail and not_applicable of every rule, or why Linux cannot give it.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { ProfileName } from '../../../src/engine/profiles.js'
import { collectFacts } from '../../../src/probes/collect.js'
import { probeById } from '../../../src/probes/registry.js'
import type { Probe } from '../../../src/probes/probe.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { builtinPacks, evaluateBuiltin } from '../../helpers/engine.js'
import { rechecked } from '../../helpers/facts.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/${name}`, import.meta.url), 'utf8')
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

/** The probes the baseline rules and access.empty-password read (backup and updates would run apt and walk folders). */
const PROBES = ['os', 'accounts', 'antivirus', 'firewall', 'encryption', 'screenlock', 'software', 'sharing', 'autorun', 'downloads']

type Files = Record<string, string | TreeFile | null>
type Command = [string | RegExp, StubAnswer]

/** One Linux PC: its system root, home folder, session environment and command answers. `null` removes a part. */
interface LinuxPc {
  files: Files
  home: Files
  env: Record<string, string>
  commands: Record<string, Command | null>
}

type Part = Partial<LinuxPc>

function pc(...parts: Part[]): LinuxPc {
  const merged: LinuxPc = { files: {}, home: {}, env: {}, commands: {} }
  for (const part of parts) {
    Object.assign(merged.files, part.files)
    Object.assign(merged.home, part.home)
    if (part.env) merged.env = part.env
    Object.assign(merged.commands, part.commands)
  }
  return merged
}

const present = <T>(record: Record<string, T | null>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== null))

// --- Parts of a PC, from the recorded outputs in test/fixtures/linux ---

/** Debian 12's /etc/os-release as on the development VM. */
const OS_RELEASE = [
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
  'NAME="Debian GNU/Linux"',
  'VERSION_ID="12"',
  'VERSION="12 (bookworm)"',
  'VERSION_CODENAME=bookworm',
  'ID=debian',
].join('\n')

const PASSWD = ['root:x:0:0:root:/root:/bin/bash', 'lan:x:1000:1000:Nguyễn Thị Lan,,,:/home/lan:/bin/bash'].join('\n')
/** lan's password set 29 days before the test day (epoch day 20757); root locked as Debian installs it. */
const SHADOW = ['root:*:20228:0:99999:7:::', 'lan:$y$j9T$qzRh7WcuGhSW4WWWlEeOR1$NV2OMzDB:20757:0:99999:7:::'].join('\n')
const GROUP = ['root:x:0:', 'sudo:x:27:', 'lan:x:1000:'].join('\n')

const base: Part = {
  files: {
    'etc/os-release': OS_RELEASE,
    'etc/passwd': PASSWD,
    'etc/shadow': SHADOW,
    'etc/group': GROUP,
    'proc/1/stat': stat(1, 'systemd'),
  },
  home: { 'Downloads/cong-van-1082.pdf': '%PDF-1.7' },
}

const clamavFresh: Part = {
  files: {
    'usr/bin/clamscan': '',
    'var/lib/clamav/daily.cld': { content: 'ClamAV-VDB', mtime: new Date('2026-11-28T06:12:00Z') },
    'proc/812/stat': stat(812, 'clamd'),
    'proc/813/stat': stat(813, 'clamonacc'),
  },
}
const clamavStale: Part = {
  files: {
    'usr/bin/clamscan': '',
    'var/lib/clamav/daily.cvd': { content: 'ClamAV-VDB', mtime: new Date('2026-11-01T00:00:00Z') },
    'proc/812/stat': stat(812, 'clamd'),
  },
}
/** ClamAV scanning on demand only (no clamonacc), with fresh signatures: what Linux can have. */
const clamavOnDemand: Part = {
  files: { 'usr/bin/clamscan': '', 'var/lib/clamav/daily.cld': { content: 'ClamAV-VDB', mtime: new Date('2026-11-29T02:00:00Z') } },
}

const ufwOn: Part = { files: { 'etc/ufw/ufw.conf': 'ENABLED=yes\nLOGLEVEL=low\n' } }
const ufwShipped = async (): Promise<Part> => ({ files: { 'etc/ufw/ufw.conf': await fixture('firewall/ufw.conf') } })
const NFT = '/usr/sbin/nft -j list ruleset'
const nftAsUser = async (): Promise<Part> => ({
  files: { 'usr/sbin/nft': '' },
  commands: { nft: [NFT, { exitCode: 1, stderr: await fixture('firewall/nft-nonroot.stderr.txt') }] },
})

const LSBLK = 'lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS'
const lsblk = async (name: string): Promise<Part> => ({ commands: { lsblk: [LSBLK, { stdout: await fixture(`encryption/${name}`) }] } })
const container = async (): Promise<Part> => ({
  files: { 'proc/self/mountinfo': await fixture('encryption/mountinfo-overlay.txt') },
  commands: { lsblk: [LSBLK, { stdout: '{"blockdevices": []}' }] },
})

const GNOME_ENV = { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'GNOME' }
const gsettings = async (schema: string, file: string): Promise<Part> => ({
  files: { [`usr/share/glib-2.0/schemas/org.gnome.desktop.${schema}.gschema.xml`]: '<schemalist/>' },
  commands: { [`gsettings ${schema}`]: [`gsettings list-recursively org.gnome.desktop.${schema}`, { stdout: await fixture(file) }] },
})
/** A GNOME session with the given screen lock settings and media handling (recorded gsettings outputs). */
async function gnome(session: string, screensaver: string, media: string): Promise<Part> {
  return pc(
    { env: GNOME_ENV },
    await gsettings('session', `screenlock/${session}`),
    await gsettings('screensaver', `screenlock/${screensaver}`),
    await gsettings('lockdown', 'screenlock/gsettings-lockdown-defaults.txt'),
    await gsettings('media-handling', `autorun/${media}`),
  )
}

const DPKG = /^dpkg-query -W -f=/
const packages = (stdout: string): Part => ({ files: { 'usr/bin/dpkg-query': '' }, commands: { dpkg: [DPKG, { stdout }] } })
/** The Document Foundation's own .deb of a supported branch, in dpkg-query's recorded format. */
const LIBREOFFICE_26_8 = 'libreoffice26.8\t26.8.2.2-2\tThe Document Foundation <packages@documentfoundation.org>\tii \n'
const WPS = 'wps-office\t11.1.0.11723.XA\tKingsoft Office Corporation <wps@wps.cn>\tii \n'
const LIBC = 'libc6:amd64\t2.36-9+deb12u9\tGNU Libc Maintainers <debian-glibc@lists.debian.org>\tii \n'

const GETFATTR = /^getfattr --absolute-names -d -e hex /
const apkDownloaded: Part = {
  home: { 'Downloads/VNeID.apk': 'PK' },
  // The attr package is not installed: origins stay unknown, the .apk is found all the same.
  commands: { getfattr: [GETFATTR, { notFound: true }] },
}

const samba = async (conf: string): Promise<Part> => ({ files: { 'usr/sbin/smbd': '', 'etc/samba/smb.conf': await fixture(`sharing/${conf}`) } })
const xrdpRunning: Part = { files: { 'proc/733/stat': stat(733, 'xrdp'), 'etc/systemd/system/multi-user.target.wants/xrdp.service': '' } }

const lightdm = async (): Promise<Part> => ({
  files: {
    'usr/sbin/lightdm': '',
    'etc/lightdm/lightdm.conf': await fixture('accounts/lightdm.conf'),
    'usr/share/lightdm/lightdm.conf.d/01_debian.conf': await fixture('accounts/lightdm-01_debian.conf'),
  },
})
const gdmAutoLogin = async (): Promise<Part> => {
  const conf = (await fixture('accounts/gdm3-daemon.conf'))
    .replace('#  AutomaticLoginEnable = true', 'AutomaticLoginEnable = true')
    .replace('#  AutomaticLogin = user1', 'AutomaticLogin = lan')
  return { files: { 'etc/gdm3/daemon.conf': conf } }
}

/** The healthy Debian 12 office desktop every case starts from: each case changes one thing. */
async function healthy(...changes: Part[]): Promise<LinuxPc> {
  return pc(
    base,
    clamavFresh,
    ufwOn,
    await lsblk('lsblk-luks-lvm.json'),
    await gnome('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt', 'gsettings-media-handling-off.txt'),
    packages(`${await fixture('software/dpkg-query.txt')}${LIBREOFFICE_26_8}`),
    await lightdm(),
    ...changes,
  )
}

/** A server without a desktop: no session, no browser, no office suite. */
async function server(...changes: Part[]): Promise<LinuxPc> {
  return healthy(
    {
      env: {},
      files: Object.fromEntries(
        ['session', 'screensaver', 'lockdown', 'media-handling'].map((schema) => [`usr/share/glib-2.0/schemas/org.gnome.desktop.${schema}.gschema.xml`, null]),
      ),
      commands: { 'gsettings session': null, 'gsettings screensaver': null, 'gsettings lockdown': null, 'gsettings media-handling': null },
    },
    packages(LIBC),
    ...changes,
  )
}

// --- Collecting and judging ---

async function collect(machine: LinuxPc) {
  const [root, home] = await Promise.all([tempTree(present(machine.files)), tempTree(present(machine.home))])
  const stub = commandStub()
  for (const [line, answer] of Object.values(present(machine.commands))) stub.on(line, answer)
  const context = testContext({ host: { systemRoot: root, homeDir: home, userName: 'lan', env: machine.env }, run: stub.run })
  const probes = PROBES.map((id) => probeById(id)).filter((probe): probe is Probe => probe !== undefined)
  const snapshot = await collectFacts(probes, { context, agentVersion: '0.0.0-test' })
  stub.assertAllUsed()
  return rechecked(snapshot)
}

interface Case {
  machine: () => Promise<LinuxPc>
  profile?: ProfileName
  params?: Record<string, unknown>
  /** Part of the message that gives the reason. */
  reason: string
}
/** Why Linux cannot give a status; asserted over every Linux PC of this file, in every profile. */
interface Impossible {
  impossible: string
}
type Status = 'pass' | 'fail' | 'not_applicable' | 'warn' | 'error'
type RuleCases = Record<'pass' | 'fail' | 'not_applicable', Case | Impossible> & Partial<Record<'warn' | 'error', Case>>

const NO_APPLIES_WHEN = 'the rule has no appliesWhen and lists linux among its platforms, so it always applies on Linux'

/** Each PC is collected once, however many rules judge it. */
const collected = new Map<Case['machine'], ReturnType<typeof collect>>()
function snapshotFor(machine: Case['machine']) {
  let snapshot = collected.get(machine)
  if (!snapshot) {
    snapshot = machine().then(collect)
    collected.set(machine, snapshot)
  }
  return snapshot
}

async function judge(id: string, { machine, profile, params }: Case) {
  return evaluateBuiltin(id, await snapshotFor(machine), { profile, params })
}

// --- The PCs of the cases ---

const HEALTHY = () => healthy()
const SERVER = () => server()
const NO_ANTIVIRUS = () => healthy({ files: { 'usr/bin/clamscan': null, 'var/lib/clamav/daily.cld': null, 'proc/812/stat': null, 'proc/813/stat': null } })
const STALE_SIGNATURES = () => healthy({ files: { 'var/lib/clamav/daily.cld': null, 'proc/813/stat': null } }, clamavStale)
const ON_DEMAND_SCANNER = () => healthy({ files: { 'var/lib/clamav/daily.cld': null, 'proc/812/stat': null, 'proc/813/stat': null } }, clamavOnDemand)
const NO_FIREWALL = () => healthy({ files: { 'etc/ufw/ufw.conf': null } })
const UFW_OFF = async () => healthy(await ufwShipped())
const RULES_NEED_ROOT = async () => healthy({ files: { 'etc/ufw/ufw.conf': null } }, await nftAsUser())
const OFFICE_SAMBA = async () => healthy(await samba('smb.conf-office'))
const DEBIAN_SAMBA = async () => healthy(await samba('smb.conf-debian'))
const XRDP = () => healthy(xrdpRunning)
const THIS_VM_DISK = async () => healthy(await lsblk('lsblk-this-machine.json'))
const CONTAINER = async () => healthy(await container())
const LOCK_OFF = async () =>
  healthy(await gnome('gsettings-session-defaults.txt', 'gsettings-screensaver-lock-off.txt', 'gsettings-media-handling-off.txt'))
const LOCK_LATE = async () =>
  healthy(await gnome('gsettings-session-600.txt', 'gsettings-screensaver-delay-30.txt', 'gsettings-media-handling-off.txt'))
const GNOME_MEDIA_DEFAULTS = async () =>
  healthy(await gnome('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt', 'gsettings-media-handling-defaults.txt'))
const IN_SUDO = () => healthy({ files: { 'etc/group': GROUP.replace('sudo:x:27:', 'sudo:x:27:lan') } })
const GUEST_SESSION = () => healthy({ files: { 'usr/sbin/guest-account': '#!/bin/sh\n' } })
const AUTO_LOGIN = async () => healthy(await gdmAutoLogin())
const OFFICE_PACKAGES = async () => healthy(packages(await fixture('software/dpkg-query-office.txt')))
const ANYDESK_RUNNING = async () => healthy(packages(`${await fixture('software/dpkg-query.txt')}${LIBREOFFICE_26_8}anydesk\t6.3.2\tphilandro Software GmbH <info@anydesk.com>\tii \n`), { files: { 'proc/3100/stat': stat(3100, 'anydesk') } })
const WPS_ONLY = () => healthy(packages(`${LIBC}${WPS}`))
const APK = () => healthy(apkDownloaded)
const EMPTY_PASSWORD = () => healthy({ files: { 'etc/shadow': SHADOW.replace(/^lan:[^:]*:/m, 'lan::') } })
const NOT_ROOT = () =>
  healthy({
    files: { 'etc/shadow': null },
    commands: {
      chage: ['chage -l -i lan', { stdout: 'Last password change\t\t\t\t\t: 2026-10-31\nPassword expires\t\t\t\t\t: never\nPassword inactive\t\t\t\t\t: never\nAccount expires\t\t\t\t\t\t: never\nMinimum number of days between password change\t\t: 0\nMaximum number of days between password change\t\t: 99999\nNumber of days of warning before password expires\t: 7\n' }],
      passwd: ['passwd -S lan', { stdout: 'lan P 2026-10-31 0 99999 7 -1\n' }],
    },
  })

const CASES: Record<string, RuleCases> = {
  'malware.antivirus-active': {
    pass: { machine: HEALTHY, reason: 'Protected by: ClamAV.' },
    fail: { machine: NO_ANTIVIRUS, reason: 'No antivirus was found on this computer.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
  },
  'network.firewall-enabled': {
    pass: { machine: HEALTHY, reason: 'The firewall is on (ufw).' },
    fail: { machine: NO_FIREWALL, reason: 'No firewall is running on this computer.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    error: { machine: RULES_NEED_ROOT, reason: 'could not be read (nftables: reading the rules needs root)' },
  },
  'network.smb1-enabled': {
    pass: { machine: DEBIAN_SAMBA, reason: 'SMB1 is off.' },
    fail: { machine: OFFICE_SAMBA, reason: 'SMB1 is on' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
  },
  'network.rdp-exposed': {
    pass: { machine: HEALTHY, reason: 'Remote desktop is off.' },
    fail: { impossible: 'Network Level Authentication is Windows-only: on Linux an enabled remote desktop is a warning (passWhen: os.platform ne windows)' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    warn: { machine: XRDP, reason: 'Remote desktop is on (xrdp).' },
  },
  'network.file-sharing': {
    pass: { machine: DEBIAN_SAMBA, reason: 'No folder is shared with everyone.' },
    fail: { machine: OFFICE_SAMBA, reason: 'Folders shared with everyone on the network: Tài liệu chung.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
  },
  'data.disk-encrypted': {
    pass: { machine: HEALTHY, reason: 'The system disk (/) is encrypted (luks).' },
    fail: { machine: THIS_VM_DISK, profile: 'police', reason: 'is not encrypted, and this profile requires it.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    warn: { machine: THIS_VM_DISK, reason: 'The system disk (/) is not encrypted: if the PC is lost' },
    error: { machine: CONTAINER, reason: '/ is an overlay file system from overlay, as in a container' },
  },
  'access.screen-lock': {
    pass: { machine: HEALTHY, reason: 'The screen locks after 5 minutes and asks for the password.' },
    fail: { machine: LOCK_OFF, reason: 'The screen does not lock itself.' },
    not_applicable: { machine: SERVER, reason: 'no desktop to lock' },
  },
  'access.admin-daily-use': {
    pass: { machine: HEALTHY, reason: 'The account in use is a standard account.' },
    fail: { machine: IN_SUDO, reason: 'The account used every day is an administrator.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
  },
  'access.guest-enabled': {
    pass: { machine: HEALTHY, reason: 'The guest account is off.' },
    fail: { machine: GUEST_SESSION, reason: 'The guest account is on: anyone can use this PC without a password.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    warn: { machine: GUEST_SESSION, profile: 'school', reason: 'accepted on shared school PCs' },
  },
  'access.auto-logon': {
    pass: { machine: HEALTHY, reason: 'The PC asks for a login at start-up.' },
    fail: { machine: AUTO_LOGIN, reason: 'The PC logs lan in by itself at start-up, no password asked.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    warn: { machine: AUTO_LOGIN, profile: 'school', reason: 'The PC logs lan in by itself (accepted on shared school PCs).' },
  },
  'scam.remote-access-tools': {
    pass: { machine: HEALTHY, reason: 'No remote-control software outside the allowed list.' },
    fail: { machine: OFFICE_PACKAGES, reason: 'Remote-control software found: anydesk.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    warn: { machine: ANYDESK_RUNNING, params: { allowed: ['anydesk'] }, reason: 'Allowed remote-control software is running: anydesk.' },
  },
  'scam.untrusted-apk': {
    pass: { machine: HEALTHY, reason: 'No .apk file in the download, Zalo and Telegram folders.' },
    fail: { machine: APK, reason: '/Downloads/VNeID.apk. Do not install them on a phone.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
  },
  'software.browser-outdated': {
    pass: { machine: HEALTHY, reason: 'Every browser is current' },
    fail: { machine: OFFICE_PACKAGES, reason: 'versions behind: coccoc 131.0.6778.120, chrome 131.0.6778.85, firefox 128.5.0esr.' },
    not_applicable: { machine: SERVER, reason: 'No browser found to check.' },
  },
  'software.office-unsupported': {
    pass: { machine: HEALTHY, reason: 'The office suite is still supported.' },
    fail: { machine: OFFICE_PACKAGES, reason: 'Office suites no longer supported: LibreOffice.' },
    not_applicable: { machine: WPS_ONLY, reason: 'No office suite found to check.' },
  },
  'media.autorun-enabled': {
    pass: { machine: HEALTHY, reason: 'Removable drives neither run nor open by themselves.' },
    fail: { machine: GNOME_MEDIA_DEFAULTS, reason: 'AutoPlay for removable drives is on.' },
    not_applicable: { machine: SERVER, reason: 'This computer has no desktop' },
  },
  'access.empty-password': {
    pass: { machine: HEALTHY, reason: 'Every account that can log in has a password.' },
    fail: { machine: EMPTY_PASSWORD, reason: 'Account(s) without a password: lan.' },
    not_applicable: { impossible: NO_APPLIES_WHEN },
    error: { machine: NOT_ROOT, reason: 'Whether root have a password cannot be read without administrator rights.' },
  },
}

/** More Linux verdicts, for branches the table above does not reach. */
const MORE: Array<[id: string, status: Status, Case]> = [
  ['malware.antivirus-active', 'fail', { machine: STALE_SIGNATURES, reason: 'signatures older than 3 days' }],
  // Linux has no built-in real-time scanner: ClamAV on demand with fresh signatures passes.
  ['malware.antivirus-active', 'pass', { machine: ON_DEMAND_SCANNER, reason: 'Protected by: ClamAV.' }],
  ['network.firewall-enabled', 'fail', { machine: UFW_OFF, reason: 'The firewall is off' }],
  ['access.screen-lock', 'fail', { machine: LOCK_LATE, reason: 'The screen locks only after 10.5 minutes (at most 10 allowed).' }],
  ['access.screen-lock', 'pass', { machine: LOCK_LATE, profile: 'school', reason: 'The screen locks after 10.5 minutes' }],
  ['access.screen-lock', 'pass', { machine: HEALTHY, profile: 'police', reason: 'The screen locks after 5 minutes' }],
]

const isImpossible = (expectation: Case | Impossible): expectation is Impossible => 'impossible' in expectation

const allPcs = (): Array<Case['machine']> => {
  const machines = Object.values(CASES).flatMap((cases) =>
    Object.values(cases).flatMap((expectation) => (expectation && !isImpossible(expectation) ? [expectation.machine] : [])),
  )
  return [...new Set([...machines, ...MORE.map(([, , more]) => more.machine)])]
}

describe('the baseline rules on Linux', () => {
  it('has pass, fail and not_applicable, each a Linux case or a reason, for every baseline rule and access.empty-password', async () => {
    const { rules } = await builtinPacks()
    const baseline = rules.filter((rule) => rule.origin.file.endsWith('02-baseline.yaml'))
    expect(baseline.length).toBeGreaterThan(10)
    expect(Object.keys(CASES).sort()).toEqual([...baseline.map((rule) => rule.id), 'access.empty-password'].sort())
    for (const cases of Object.values(CASES)) expect(Object.keys(cases)).toEqual(expect.arrayContaining(['pass', 'fail', 'not_applicable']))
  })

  describe.each(Object.entries(CASES))('%s', (id, cases) => {
    const statuses = Object.entries(cases) as Array<[Status, Case | Impossible]>
    for (const [status, expectation] of statuses) {
      if (isImpossible(expectation)) {
        it(`never gives ${status} on Linux: ${expectation.impossible}`, async () => {
          const { rules } = await builtinPacks()
          const rule = rules.find((candidate) => candidate.id === id)!
          if (status === 'not_applicable') {
            expect(rule.platforms).toContain('linux')
            expect(rule.appliesWhen).toBeNull()
          }
          for (const machine of allPcs()) {
            for (const profile of ['office', 'school', 'police'] as const) {
              expect((await evaluateBuiltin(id, await snapshotFor(machine), { profile })).status).not.toBe(status)
            }
          }
        })
        continue
      }
      it(`${status}: ${expectation.reason}`, async () => {
        const result = await judge(id, expectation)
        expect(result.message).toContain(expectation.reason)
        expect(result.status).toBe(status)
      })
    }
  })

  it.each(MORE.map(([id, status, more]) => [`${id} → ${status}: ${more.reason}`, id, status, more] as const))('%s', async (_, id, status, expectation) => {
    const result = await judge(id, expectation)
    expect(result.message).toContain(expectation.reason)
    expect(result.status).toBe(status)
  })
})

describe('message variants Linux cannot give', () => {
  it('media.autorun-enabled fails for AutoPlay, never for AutoRun: no Linux desktop starts a program from a drive by itself', async () => {
    for (const machine of allPcs()) {
      const autorun = (await snapshotFor(machine)).probes.autorun
      expect(autorun?.status).toBe('ok')
      if (autorun?.status === 'ok') expect((autorun.facts as { autorunEnabled: boolean | null }).autorunEnabled).not.toBe(true)
    }
    const result = await judge('media.autorun-enabled', { machine: GNOME_MEDIA_DEFAULTS, reason: '' })
    expect(result.message).not.toContain('AutoRun from removable drives is on.')
  })

  it('access.auto-logon never fails for a stored password: Linux display managers keep none', async () => {
    for (const machine of allPcs()) {
      const accounts = (await snapshotFor(machine)).probes.accounts
      if (accounts?.status === 'ok') {
        expect((accounts.facts as { autoLogon: { storedPassword: boolean | null } }).autoLogon.storedPassword).not.toBe(true)
      }
    }
  })
})
