// From the constructed macOS outputs through the probes to the mission rules, each judged for the right reason.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { accountsProbe } from '../../../src/probes/accounts/index.js'
import { backupProbe } from '../../../src/probes/backup/index.js'
import { downloadsProbe } from '../../../src/probes/downloads/index.js'
import { osProbe } from '../../../src/probes/os/index.js'
import type { Probe, ProbeContext } from '../../../src/probes/probe.js'
import { updatesProbe } from '../../../src/probes/updates/index.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { evaluateBuiltin } from '../../helpers/engine.js'
import { snapshotOf } from '../../helpers/facts.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { macContext, macFixture, SYSTEM_VERSION } from './macos-test-kit.js'

const LOGIN_WINDOW = 'Library/Preferences/com.apple.loginwindow.plist'
const TIME_MACHINE = 'Library/Preferences/com.apple.TimeMachine.plist'
const SOFTWARE_UPDATE = 'Library/Preferences/com.apple.SoftwareUpdate.plist'
const INSTALL_HISTORY = 'Library/Receipts/InstallHistory.plist'

/** What differs between the Macs of these tests; everything else is the office Mac of the fixtures. */
interface Mac {
  version?: string
  guest?: boolean
  /** dscl records with only the `an` account, whose password is recent. */
  onlyRecentPassword?: boolean
  pwpolicy?: string
  timeMachine?: string
  softwareupdate?: StubAnswer
  installHistory?: string
  softwareUpdateSettings?: string
  downloads?: Record<string, string>
}

/** The facts of every probe, each collected by its macOS collector from the recorded outputs. */
async function macFacts(mac: Mac): Promise<Record<string, unknown>> {
  const release = (await macFixture('SystemVersion-15.1.plist')).replaceAll('15.1', mac.version ?? '15.1')
  const loginWindow = await macFixture('loginwindow-guest.plist')
  const system: Record<string, string> = {
    [SYSTEM_VERSION]: release,
    [LOGIN_WINDOW]: mac.guest ? loginWindow : loginWindow.replace('<true/>', '<false/>'),
    [SOFTWARE_UPDATE]: mac.softwareUpdateSettings ?? (await macFixture('SoftwareUpdate.plist')),
    [INSTALL_HISTORY]: mac.installHistory ?? (await macFixture('InstallHistory.plist')),
    ...(mac.timeMachine === undefined ? {} : { [TIME_MACHINE]: mac.timeMachine }),
  }
  const dscl = await macFixture('dscl-readall-users.xml')
  const stub = commandStub()
    .on('ioreg -rd1 -c IOPlatformExpertDevice', { stdout: await macFixture('ioreg-platform-expert.txt') })
    .on(/^dscl -plist \. -readall \/Users /, { stdout: mac.onlyRecentPassword ? onlyAn(dscl) : dscl })
    .on('pwpolicy -getaccountpolicies', { stdout: mac.pwpolicy ?? (await macFixture('pwpolicy-90-days.txt')) })
    .on('id -Gn an', { stdout: 'staff everyone localaccounts _appserverusr\n' })
    .on('softwareupdate -l', mac.softwareupdate ?? { stderr: 'No new software available.\n' })
    .on(/^xattr -p com\.apple\.quarantine /, { exitCode: 1 }, Infinity)
  if (mac.timeMachine !== undefined) stub.on('tmutil latestbackup', { exitCode: 1 })
  const home = await tempTree({ 'Downloads/': '', ...mac.downloads })
  const ctx = await macContext({ system, home, run: stub.run })
  const probes: Probe[] = [osProbe, accountsProbe, backupProbe, updatesProbe, downloadsProbe]
  const facts = Object.fromEntries(await Promise.all(probes.map(async (probe) => [probe.id, await run(probe, ctx)])))
  return facts
}

async function run(probe: Probe, ctx: ProbeContext): Promise<unknown> {
  const collect = probe.collect.macos
  if (!collect) throw new Error(`no macOS collector for ${probe.id}`)
  return collect(ctx)
}

/** The dscl records of `an` alone (uid 501, password set 27 days before the test day). */
function onlyAn(dscl: string): string {
  const records = dscl.split(/(?=\t<dict>\n)/)
  const an = records.find((record) => record.includes('<string>an</string>'))!
  return `${records[0]!.slice(0, records[0]!.indexOf('<array>') + '<array>'.length)}\n${an}</array>\n</plist>\n`
}

async function judge(id: string, mac: Mac) {
  return evaluateBuiltin(id, snapshotOf(await macFacts(mac)))
}

describe('the mission rules on macOS facts', () => {
  it('password.max-age fails on binh\'s 545-day-old password, not on the disabled account', async () => {
    const result = await judge('password.max-age', {})
    expect(result.status).toBe('fail')
    expect(result.message).toBe('1 account(s) have a password older than 90 days or must change it now: binh.')
  })

  it('password.max-age passes with recent passwords and a 90-day policy, warns without a policy', async () => {
    expect((await judge('password.max-age', { onlyRecentPassword: true })).status).toBe('pass')
    const pwpolicy = await macFixture('pwpolicy-none.txt')
    const noPolicy = await judge('password.max-age', { onlyRecentPassword: true, pwpolicy })
    expect(noPolicy.status).toBe('warn')
  })

  it('access.empty-password fails on Guest, and cannot tell without it (ShadowHashData needs root)', async () => {
    const guest = await judge('access.empty-password', { guest: true })
    expect(guest.status).toBe('fail')
    expect(guest.message).toBe('Account(s) without a password: Guest. Anyone at this PC can log in.')
    const withoutGuest = await judge('access.empty-password', { guest: false })
    expect(withoutGuest.status).toBe('error')
    expect(withoutGuest.message).toMatch(/^macOS does not let programs read whether an, binh have an empty password/)
  })

  it('backup.recent fails on a Mac without Time Machine and passes with a backup two days old', async () => {
    const none = await judge('backup.recent', {})
    expect(none.status).toBe('fail')
    expect(none.message).toContain('No backup was found')
    const recent = await judge('backup.recent', { timeMachine: await macFixture('TimeMachine-recent.plist') })
    expect(recent.status).toBe('pass')
    expect(recent.message).toBe('The newest backup is 2 day(s) old (at most 7 allowed).')
  })

  it('updates.pending fails on a pending macOS security update and Safari, passes with nothing pending', async () => {
    const listing = { stdout: await macFixture('softwareupdate-sequoia.txt') }
    const pending = await judge('updates.pending', { softwareupdate: listing })
    expect(pending.status).toBe('fail')
    expect(pending.message).toContain('2 security update(s) are not installed (3 updates in all), e.g. Safari 26.1')
    expect((await judge('updates.pending', {})).status).toBe('pass')
  })

  it('updates.pending judges by the last install when softwareupdate times out', async () => {
    expect((await judge('updates.pending', { softwareupdate: { timedOut: true } })).status).toBe('pass')
    const history = (await macFixture('InstallHistory.plist'))
      .replaceAll('2026-11-10', '2026-09-10')
      .replaceAll('2026-10-30', '2026-08-30')
    const stale = await judge('updates.pending', { softwareupdate: { timedOut: true }, installHistory: history })
    expect(stale.status).toBe('fail')
    expect(stale.message).toContain('softwareupdate -l: timed out')
  })

  it('updates.pending fails when automatic checks are switched off', async () => {
    const softwareUpdateSettings = await macFixture('SoftwareUpdate-disabled.plist')
    const disabled = await judge('updates.pending', { softwareUpdateSettings })
    expect(disabled.status).toBe('fail')
    expect(disabled.message).toContain('switched off')
  })

  it('updates.os-supported passes on macOS 15 and fails on macOS 13', async () => {
    const sequoia = await judge('updates.os-supported', {})
    expect(sequoia.status).toBe('pass')
    expect(sequoia.message).toContain('macOS 15 Sequoia gets security fixes until 2027-09-30')
    const ventura = await judge('updates.os-supported', { version: '13.7.8' })
    expect(ventura.status).toBe('fail')
    expect(ventura.message).toContain('macOS 13 Ventura stopped getting security fixes on 2025-09-15')
  })

  it('downloads.risky-files fails on an installer in Downloads and passes on documents only', async () => {
    const risky = await judge('downloads.risky-files', { downloads: { 'Downloads/AnyDesk.dmg': 'x' } })
    expect(risky.status).toBe('fail')
    expect(risky.message).toContain(path.join('Downloads', 'AnyDesk.dmg'))
    expect((await judge('downloads.risky-files', { downloads: { 'Downloads/cong-van.pdf': 'x' } })).status).toBe('pass')
  })
})
