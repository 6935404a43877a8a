// The accounts probe on a Mac: dscl records, the pwpolicy maximum age, and the Guest account of the login window.
import { describe, expect, it } from 'vitest'
import { accountsProbe } from '../../../src/probes/accounts/index.js'
import { parseAccountPolicy, parseDsclUsers, parsePolicyMaxDays } from '../../../src/probes/accounts/dscl-macos.js'
import type { AccountsFacts } from '../../../src/probes/accounts/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { macContext, macFixture } from '../macos/macos-test-kit.js'

const DSCL = 'dscl -plist . -readall /Users RecordName UniqueID UserShell AuthenticationAuthority accountPolicyData'
const PWPOLICY = 'pwpolicy -getaccountpolicies'
const LOGIN_WINDOW = 'Library/Preferences/com.apple.loginwindow.plist'

interface Mac {
  dscl?: StubAnswer
  pwpolicy?: StubAnswer
  loginWindow?: string
}

async function collect(mac: Mac = {}): Promise<AccountsFacts> {
  const stub = commandStub()
    .on(DSCL, mac.dscl ?? { stdout: await macFixture('dscl-readall-users.xml') })
    .on(PWPOLICY, mac.pwpolicy ?? { stdout: await macFixture('pwpolicy-90-days.txt') })
  const system: Record<string, string> = mac.loginWindow === undefined ? {} : { [LOGIN_WINDOW]: mac.loginWindow }
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
    expect(facts).toMatchObject({ limitedToCurrentUser: false, domainJoined: null })
  })

  it('adds the Guest account, without a password, when the login window offers it', async () => {
    const facts = await collect({ loginWindow: await macFixture('loginwindow-guest.plist') })
    const guest = facts.users.at(-1)
    expect(guest).toMatchObject({ name: 'Guest', uid: '201', enabled: true, hasPassword: false, emptyPassword: true })
    expect(guest).toMatchObject({ builtin: 'guest', isCurrentUser: false, passwordAgeDays: null })
  })

  it('takes a missing login window file as Guest off, an unparsable one as unknown', async () => {
    expect((await collect()).users.map((user) => user.name)).toEqual(['an', 'binh', 'cu'])
    const unknown = await collect({ loginWindow: 'not a plist' })
    expect(unknown.users.at(-1)).toMatchObject({ name: 'Guest', enabled: null, emptyPassword: true })
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
