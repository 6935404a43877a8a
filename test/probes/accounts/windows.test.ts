import { describe, expect, it } from 'vitest'
import { AccountsFactsSchema } from '../../../src/probes/accounts/schema.js'
import { collectWindowsAccounts, windowsAccountsFacts } from '../../../src/probes/accounts/windows.js'
import { AccountsSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { CAPTURE_DAY } from '../../helpers/probe-context.js'
import {
  changedFixture,
  collectedFacts,
  printed,
  recordedSection,
  windowsContext,
  type WindowsFixture,
} from '../windows/windows-kit.js'

const NOW = new Date(CAPTURE_DAY)

/** The accounts section of the Vietnamese Windows 11 fixture with one value changed, as the probe receives it. */
function accountsSection(path: string, value: unknown) {
  return recordedSection('win11-24h2-vi', 'accounts', AccountsSectionSchema, { path, value })
}

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsAccounts, AccountsFactsSchema)

describe('accounts probe on Windows, with Get-LocalUser', () => {
  it('lists the enabled local accounts with Vietnamese names, the Guest account, and the machine policy', async () => {
    const { ctx, stub } = windowsContext('win11-24h2-vi')
    const facts = AccountsFactsSchema.parse(await collectWindowsAccounts(ctx))
    stub.assertAllUsed()
    expect(facts.users.map((user) => user.name)).toEqual(['Guest', 'Nguyễn Văn Á', 'Kế toán'])
    const [guest, an, ketoan] = facts.users
    expect(guest).toMatchObject({ builtin: 'guest', hasPassword: false, emptyPassword: true, passwordLastSetAt: null })
    expect(an).toEqual({
      name: 'Nguyễn Văn Á',
      uid: 'S-1-5-21-1111111111-2222222222-3333333333-1001',
      isCurrentUser: true,
      enabled: true,
      hasPassword: true,
      emptyPassword: false,
      mustChange: false,
      passwordLastSetAt: '2026-11-10T02:30:12.000Z',
      passwordAgeDays: 19,
      maxPasswordAgeDays: 42,
      builtin: null,
      source: 'local-users',
    })
    // "Password never expires" (ADS_UF_DONT_EXPIRE_PASSWD) on this one: no maximum of its own.
    expect(ketoan).toMatchObject({ isCurrentUser: false, passwordAgeDays: 272, maxPasswordAgeDays: null })
    expect(facts.policy.maxPasswordAgeDays).toBe(42)
    expect(facts).toMatchObject({ limitedToCurrentUser: false, domainJoined: false })
  })

  it('notes a domain PC, where the logged-on domain user is none of the local accounts', async () => {
    const facts = await collectWindowsAccounts(windowsContext('domain-joined').ctx)
    expect(facts.domainJoined).toBe(true)
    expect(facts.users.map((user) => [user.name, user.isCurrentUser])).toEqual([['quantri', false]])
  })

  it('reads "must change at next logon" from ADSI PasswordExpired, or a required password never set', () => {
    const expired = windowsAccountsFacts(accountsSection('adsiUsers.data.users.4.passwordExpired', 1), NOW)
    expect(expired.users.map((user) => [user.name, user.mustChange])).toEqual([
      ['Guest', false],
      ['Nguyễn Văn Á', true],
      ['Kế toán', false],
    ])
    const neverSet = windowsAccountsFacts(accountsSection('localUsers.data.users.5.passwordLastSet', null), NOW)
    expect(neverSet.users.map((user) => [user.name, user.mustChange, user.passwordAgeDays])).toEqual([
      ['Guest', false, null],
      ['Nguyễn Văn Á', false, 19],
      ['Kế toán', true, null],
    ])
  })

  it('takes "never expires" from PasswordExpires when ADSI could not be read', () => {
    const unread = accountsSection('adsiUsers', { ok: false, error: 'The network path was not found.' })
    const facts = windowsAccountsFacts(unread, NOW)
    expect(facts.users.map((user) => [user.name, user.maxPasswordAgeDays])).toEqual([
      ['Guest', null],
      ['Nguyễn Văn Á', 42],
      ['Kế toán', null],
    ])
  })

  it.each([
    [0, null],
    [-1, null],
    [0xffffffff, null],
    [7_776_000, 90],
  ])('reads a MaxPasswordAge of %s seconds as %s days', (seconds, days) => {
    const facts = windowsAccountsFacts(accountsSection('policy.data.maxPasswordAgeSeconds', seconds), NOW)
    expect(facts.policy.maxPasswordAgeDays).toBe(days)
  })
})

describe('accounts probe on Windows, without the LocalAccounts module', () => {
  it('falls back to ADSI: flags, password age in seconds, and the policy of the user objects', async () => {
    const facts = AccountsFactsSchema.parse(await collectWindowsAccounts(windowsContext('adsi-fallback').ctx))
    expect(facts.users).toEqual([
      expect.objectContaining({
        name: 'Nguyễn Văn Á',
        source: 'adsi',
        isCurrentUser: true,
        hasPassword: true,
        passwordAgeDays: 40,
        passwordLastSetAt: '2026-10-20T09:00:00.000Z',
        maxPasswordAgeDays: 42,
      }),
      // PASSWD_NOTREQD: nothing stops this password from being empty.
      expect.objectContaining({ name: 'Văn thư', hasPassword: false, emptyPassword: true, passwordAgeDays: 400 }),
    ])
    expect(facts.policy.maxPasswordAgeDays).toBe(42)
  })

  it('fails with both reasons when neither Get-LocalUser nor ADSI answered', async () => {
    const denied = { ok: false, error: 'Access is denied.' }
    const document = changedFixture('adsi-fallback', 'accounts.data.adsiUsers', denied)
    await expect(collectWindowsAccounts(windowsContext(printed(document)).ctx)).rejects.toThrow(
      "local accounts cannot be read: The term 'Get-LocalUser' is not recognized",
    )
  })
})

describe('administrator, Guest and auto-logon facts on Windows', () => {
  const WINLOGON = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon'

  it('reads an administrator working in a UAC-filtered token, the Guest on, and no auto-logon', async () => {
    expect(await collected('win11-24h2-vi')).toMatchObject({
      currentUserIsAdmin: true,
      guestEnabled: true,
      // DefaultUserName holds the last user; it names no auto-logon account while AutoAdminLogon is "0".
      autoLogon: { enabled: false, user: null, storedPassword: false, source: WINLOGON },
    })
  })

  it('reads AutoAdminLogon with a DefaultPassword stored in clear text', async () => {
    expect(await collected('win10-22h2')).toMatchObject({
      currentUserIsAdmin: true,
      guestEnabled: false,
      autoLogon: { enabled: true, user: 'admin', storedPassword: true, source: WINLOGON },
    })
  })

  it('reads a standard domain user', async () => {
    expect(await collected('domain-joined')).toMatchObject({ currentUserIsAdmin: false, guestEnabled: false })
  })

  it('reads the shared computer-room account logged in by itself, and the Guest from ADSI flags', async () => {
    expect(await collected('school-lab')).toMatchObject({
      currentUserIsAdmin: false,
      guestEnabled: true,
      autoLogon: { enabled: true, user: 'Học sinh', storedPassword: true },
    })
    const adsiOnly = changedFixture('school-lab', 'accounts.data.localUsers', { ok: false, error: 'not recognized' })
    const facts = await collectWindowsAccounts(windowsContext(printed(adsiOnly)).ctx)
    expect(facts.guestEnabled).toBe(true)
    expect((await collected('adsi-fallback')).guestEnabled).toBe(false)
  })

  it('accepts AutoAdminLogon written as a DWORD', () => {
    expect(windowsAccountsFacts(accountsSection('autoLogon.data.autoAdminLogon', 1), NOW).autoLogon.enabled).toBe(true)
  })

  it('does not call SYSTEM the everyday account', () => {
    const facts = windowsAccountsFacts(accountsSection('currentUserSid', 'S-1-5-18'), NOW)
    expect(facts.currentUserIsAdmin).toBeNull()
  })

  it('leaves what could not be read unknown', () => {
    const unreadable = { ok: false, error: 'Requested registry access is not allowed.' }
    expect(windowsAccountsFacts(accountsSection('admin', unreadable), NOW).currentUserIsAdmin).toBeNull()
    expect(windowsAccountsFacts(accountsSection('autoLogon', unreadable), NOW).autoLogon).toEqual({
      enabled: null,
      user: null,
      storedPassword: null,
      source: null,
    })
  })
})
