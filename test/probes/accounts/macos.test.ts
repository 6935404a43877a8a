// The accounts probe on a Mac: dscl records, the pwpolicy maximum age, the login window's Guest and automatic login, admin.
import { describe, expect, it } from 'vitest'
import { accountsProbe } from '../../../src/probes/accounts/index.js'
import { parseAccountPolicy, parseDsclUsers, parsePolicyMaxDays } from '../../../src/probes/accounts/dscl-macos.js'
import type { AccountsFacts } from '../../../src/probes/accounts/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { macContext, macFixture } from '../macos/macos-test-kit.js'

const AUTO_LOGIN_SOURCE = 'com.apple.loginwindow autoLoginUser, /etc/kcpassword'
const DSCL = 'dscl -plist . -readall /Users RecordName UniqueID UserShell AuthenticationAuthority accountPolicyData'
const PWPOLICY = 'pwpolicy -getaccountpolicies'
const ID = 'id -Gn an'
const LOGIN_WINDOW = 'Library/Preferences/com.apple.loginwindow.plist'
/** `id -Gn` of a standard account; an administrator's adds `admin` (group lists as macOS prints them). */
const STANDARD_GROUPS = 'staff everyone localaccounts _appserverusr com.apple.sharepoint.group.1\n'
const ADMIN_GROUPS = 'staff everyone localaccounts _appserverusr admin _appserveradm _lpadmin _developer\n'

interface Mac {
  dscl?: StubAnswer
  pwpolicy?: StubAnswer
  id?: StubAnswer
  loginWindow?: string
  /** Other system files, e.g. etc/kcpassword. */
  system?: Record<string, string>
}

async function collect(mac: Mac = {}): Promise<AccountsFacts> {
  const stub = commandStub()
    .on(DSCL, mac.dscl ?? { stdout: await macFixture('dscl-readall-users.xml') })
    .on(PWPOLICY, mac.pwpolicy ?? { stdout: await macFixture('pwpolicy-90-days.txt') })
    .on(ID, mac.id ?? { stdout: STANDARD_GROUPS })
  const system: Record<string, string> = {
    ...mac.system,
    ...(mac.loginWindow === undefined ? {} : { [LOGIN_WINDOW]: mac.loginWindow }),
  }
  const ctx = await macContext({ system, run: stub.run })
  const facts = accountsProbe.schema.parse(await accountsProbe.collect.macos!(ctx))
  stub.assertAllUsed()
  return facts
}

/** The fixture without binh's accountPolicyData, as a standard user may be shown it (unverified). */
async function dsclWithoutBinhsPolicy(): Promise<string> {
  const text = await macFixture('dscl-readall-users.xml')
  const binh = text.indexOf('<string>binh</string>')
  const start = text.indexOf('<key>dsAttrTypeNative:accountPolicyData</key>', binh)
  const end = text.indexOf('</array>', start) + '</array>'.length
  return text.slice(0, start) + text.slice(end)
}

describe('accounts probe on macOS', () => {
  it('lists the human accounts with their password age and the 90-day policy; Guest is off', async () => {
    const guestOff = (await macFixture('loginwindow-guest.plist')).replace('<true/>', '<false/>')
    const facts = await collect({ loginWindow: guestOff })
    expect(facts.users).toEqual([
      {
        name: 'an',
        uid: '501',
        isCurrentUser: true,
        enabled: true,
        hasPassword: true,
        emptyPassword: null,
        mustChange: false,
        passwordLastSetAt: '2026-11-02T00:00:00.500Z',
        passwordAgeDays: 27,
        maxPasswordAgeDays: 90,
        builtin: null,
        source: 'dscl',
      },
      expect.objectContaining({ name: 'binh', uid: '502', isCurrentUser: false, enabled: true, passwordAgeDays: 545 }),
      expect.objectContaining({ name: 'cu', enabled: false, hasPassword: true, passwordAgeDays: 2158 }),
    ])
    expect(facts.policy).toEqual({ maxPasswordAgeDays: 90, source: 'pwpolicy -getaccountpolicies' })
    expect(facts).toMatchObject({ limitedToCurrentUser: false, domainJoined: null, guestEnabled: false })
    expect(facts.currentUserIsAdmin).toBe(false)
    expect(facts.autoLogon).toEqual({ enabled: false, user: null, storedPassword: false, source: AUTO_LOGIN_SOURCE })
  })

  it('adds the Guest account, without a password, when the login window offers it', async () => {
    const facts = await collect({ loginWindow: await macFixture('loginwindow-guest.plist') })
    const guest = facts.users.at(-1)
    expect(guest).toMatchObject({ name: 'Guest', uid: '201', enabled: true, hasPassword: false, emptyPassword: true })
    expect(guest).toMatchObject({ builtin: 'guest', isCurrentUser: false, passwordAgeDays: null })
  })

  it('takes a missing login window file as Guest off, an unparsable one as unknown', async () => {
    const missing = await collect()
    expect(missing.users.map((user) => user.name)).toEqual(['an', 'binh', 'cu'])
    expect(missing).toMatchObject({ guestEnabled: false, autoLogon: { enabled: false, user: null } })
    const unknown = await collect({ loginWindow: 'not a plist' })
    expect(unknown.users.at(-1)).toMatchObject({ name: 'Guest', enabled: null, emptyPassword: true })
    expect(unknown).toMatchObject({ guestEnabled: null, autoLogon: { enabled: null, user: null, storedPassword: false } })
  })

  it('reports Guest enabled from the same GuestEnabled key as the Guest account', async () => {
    const facts = await collect({ loginWindow: await macFixture('loginwindow-guest.plist') })
    expect(facts.guestEnabled).toBe(true)
    expect(facts.users.at(-1)).toMatchObject({ builtin: 'guest', enabled: true })
  })

  it('finds the everyday account in group admin, and says unknown when id does not answer', async () => {
    expect((await collect({ id: { stdout: ADMIN_GROUPS } })).currentUserIsAdmin).toBe(true)
    expect((await collect({ id: { stdout: 'staff _admins_of_nothing\n' } })).currentUserIsAdmin).toBe(false)
    expect((await collect({ id: { exitCode: 1, stderr: 'id: an: no such user\n' } })).currentUserIsAdmin).toBeNull()
    expect((await collect({ id: { timedOut: true } })).currentUserIsAdmin).toBeNull()
  })

  it('finds automatic login with its password kept in /etc/kcpassword', async () => {
    const loginWindow = (await macFixture('loginwindow-guest.plist')).replace(
      '<key>GuestEnabled</key>',
      '<key>autoLoginUser</key>\n\t<string>an</string>\n\t<key>GuestEnabled</key>',
    )
    const facts = await collect({ loginWindow, system: { 'etc/kcpassword': 'obfuscated' } })
    expect(facts.autoLogon).toEqual({ enabled: true, user: 'an', storedPassword: true, source: AUTO_LOGIN_SOURCE })
    const withoutPassword = await collect({ loginWindow })
    expect(withoutPassword.autoLogon).toMatchObject({ enabled: true, user: 'an', storedPassword: false })
    // kcpassword exists only while automatic login is on, even if the login window's file is unreadable.
    const onlyFile = await collect({ loginWindow: 'not a plist', system: { 'etc/kcpassword': 'obfuscated' } })
    expect(onlyFile.autoLogon).toMatchObject({ enabled: true, user: null, storedPassword: true })
  })

  it('marks an account whose policy data it may not read as unreadable, not as fine', async () => {
    const facts = await collect({ dscl: { stdout: await dsclWithoutBinhsPolicy() } })
    expect(facts.users.find((user) => user.name === 'binh')).toMatchObject({
      source: 'unreadable',
      enabled: true,
      hasPassword: true,
      mustChange: null,
      passwordAgeDays: null,
      maxPasswordAgeDays: null,
    })
    expect(facts.limitedToCurrentUser).toBe(true)
  })

  it('reports no policy maximum when none is set, and an unknown source when pwpolicy fails', async () => {
    const none = await collect({ pwpolicy: { stdout: await macFixture('pwpolicy-none.txt') } })
    expect(none.policy).toEqual({ maxPasswordAgeDays: null, source: 'pwpolicy -getaccountpolicies' })
    expect(none.users[0]!.maxPasswordAgeDays).toBeNull()
    const failed = await collect({ pwpolicy: { exitCode: 1, stderr: 'Error: operation not permitted\n' } })
    expect(failed.policy).toEqual({ maxPasswordAgeDays: null, source: null })
  })

  it('fails with the reason when dscl cannot list the accounts', async () => {
    const stub = commandStub()
      .on(DSCL, { exitCode: 71, stderr: 'DS Error: -14120 (eDSPermissionError)\n' })
      .on(PWPOLICY, { stdout: '' })
      .on(ID, { stdout: STANDARD_GROUPS })
    const ctx = await macContext({ run: stub.run })
    await expect(accountsProbe.collect.macos!(ctx)).rejects.toThrow(
      /local accounts cannot be listed .*eDSPermissionError/,
    )
  })
})

describe('dscl and pwpolicy parsers', () => {
  it('read passwordLastSetTime as seconds, or as the <date> of OS X 10.8-10.9', () => {
    const policy = (value: string): string =>
      `<plist version="1.0"><dict><key>passwordLastSetTime</key>${value}</dict></plist>`
    const real = parseAccountPolicy(policy('<real>1748822400</real>'))
    const date = parseAccountPolicy(Buffer.from(policy('<date>2013-05-01T10:00:00Z</date>')))
    expect(real?.passwordLastSetAt?.toISOString()).toBe('2025-06-02T00:00:00.000Z')
    expect(date?.passwordLastSetAt?.toISOString()).toBe('2013-05-01T10:00:00.000Z')
    expect(parseAccountPolicy('<plist version="1.0"><dict/></plist>')).toEqual({ passwordLastSetAt: null })
    expect(parseAccountPolicy('garbage')).toBeNull()
  })

  it('keep every record with a name and a numeric uid, whatever the attribute prefix', () => {
    const users = parseDsclUsers(`<plist version="1.0"><array>
      <dict>
        <key>RecordName</key><array><string>an</string></array>
        <key>UniqueID</key><array><string>501</string></array>
      </dict>
      <dict><key>dsAttrTypeStandard:RecordName</key><array><string>nouid</string></array></dict>
    </array></plist>`)
    expect(users).toEqual([{ name: 'an', uid: 501, shell: '', authenticationAuthority: null, accountPolicy: null }])
  })

  it('take the smallest maximum age of every password change policy', () => {
    const change = (days: number): string =>
      '<dict><key>policyParameters</key><dict>' +
      `<key>policyAttributeExpiresEveryNDays</key><integer>${days}</integer></dict></dict>`
    const policies = `<plist version="1.0"><dict><key>policyCategoryPasswordChange</key><array>
      ${change(365)}${change(60)}
    </array></dict></plist>`
    expect(parsePolicyMaxDays(policies)).toBe(60)
  })
})
