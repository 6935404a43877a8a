/**
 * Windows local accounts from the shared PowerShell run (platform-reference §1.1): Get-LocalUser, with the
 * ADSI WinNT provider for what it lacks (must-change, never-expires) and in its place when the LocalAccounts
 * module is missing. Neither needs administrator rights. Accounts are told apart by SID, never by name:
 * "Guest" is renamed or translated on many PCs.
 */
import { daysBetween } from '../../core/clock.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import {
  AccountsSectionSchema,
  windowsSection,
  type AccountsSection,
  type AdsiUser,
  type AutoLogon,
  type LocalUser,
  type Part,
} from '../windows/windows-facts.js'
import type { Account, AccountsFacts } from './schema.js'

/** ADS_USER_FLAG_ENUM bits (PSP-Inventory's flag table, learn.microsoft.com ADS_USER_FLAG_ENUM). */
const ACCOUNTDISABLE = 0x2
const PASSWD_NOTREQD = 0x20
const DONT_EXPIRE_PASSWD = 0x10000
/** MaxPasswordAge is in seconds; TIMEQ_FOREVER (0xFFFFFFFF, read as -1) and 0 mean passwords never expire. */
const TIMEQ_FOREVER = 0xffff_ffff
const DAY_SECONDS = 86_400
const BUILTIN_RIDS: Record<string, Account['builtin']> = { '500': 'administrator', '501': 'guest' }
/** LocalSystem: an agent run as a service sees SYSTEM, an administrator, not the everyday account. */
const LOCAL_SYSTEM_SID = 'S-1-5-18'
const WINLOGON_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon'

export async function collectWindowsAccounts(ctx: ProbeContext): Promise<AccountsFacts> {
  return windowsAccountsFacts(await windowsSection(ctx, 'accounts', AccountsSectionSchema), ctx.clock.now())
}

/** The password facts of one account, whichever source gave them. */
interface PasswordState {
  name: string
  sid: string
  enabled: boolean
  passwordRequired: boolean
  lastSetAt: Date | null
  neverExpires: boolean
  /** ADSI PasswordExpired: the password expired, or must be changed at next logon. */
  expired: boolean
}

export function windowsAccountsFacts(section: AccountsSection, now: Date): AccountsFacts {
  const { localUsers, adsiUsers } = section
  if (!localUsers.ok && !adsiUsers.ok) {
    throw new ProbeFailure(`local accounts cannot be read: ${localUsers.error}; ADSI: ${adsiUsers.error}`)
  }
  const adsi = adsiUsers.ok ? adsiUsers.data.users : []
  const states = localUsers.ok
    ? localUsers.data.users.map((user) => fromLocalUser(user, adsi.find((entry) => entry.sid === user.sid)))
    : adsi.map((user) => fromAdsi(user, now))
  const maxAgeSeconds = section.policy.ok ? section.policy.data.maxPasswordAgeSeconds : null
  // A workgroup PC may expose MaxPasswordAge on its user objects only (platform-reference Appendix D #4).
  const userMaxAge = adsi.find((user) => user.maxPasswordAgeSeconds !== null)?.maxPasswordAgeSeconds
  const policyDays = maxAgeDays(maxAgeSeconds ?? userMaxAge)
  const source = localUsers.ok ? 'local-users' : 'adsi'
  return {
    users: states
      .filter((state) => state.enabled)
      .map((state) => toAccount(state, { source, policyDays, currentUserSid: section.currentUserSid, now })),
    policy: {
      maxPasswordAgeDays: policyDays,
      source: section.policy.ok || adsi.length > 0 ? 'local security policy (ADSI MaxPasswordAge)' : null,
    },
    // Get-LocalUser and ADSI read every local account without administrator rights.
    limitedToCurrentUser: false,
    domainJoined: section.domain.ok ? section.domain.data.partOfDomain : null,
    currentUserIsAdmin:
      section.admin.ok && section.currentUserSid !== LOCAL_SYSTEM_SID ? section.admin.data.member : null,
    // Disabled accounts included: the Guest is told by its RID, whatever it was renamed to.
    guestEnabled: states.some((state) => state.enabled && ridOf(state.sid) === '501'),
    autoLogon: autoLogonFacts(section.autoLogon),
  }
}

/**
 * Winlogon AutoAdminLogon "1" logs DefaultUserName in at start-up (platform-reference §1.1.3). A stored
 * DefaultPassword is clear text; Sysinternals Autologon keeps it as an LSA secret instead, which reads as
 * not stored here.
 */
function autoLogonFacts(autoLogon: Part<AutoLogon>): AccountsFacts['autoLogon'] {
  if (!autoLogon.ok) return { enabled: null, user: null, storedPassword: null, source: null }
  const enabled = autoLogon.data.autoAdminLogon === 1
  return {
    enabled,
    // Winlogon keeps the last user's name there too, so it names the auto-logon account only when that is on.
    user: enabled ? autoLogon.data.defaultUserName : null,
    storedPassword: autoLogon.data.defaultPasswordStored,
    source: WINLOGON_KEY,
  }
}

function ridOf(sid: string): string {
  return sid.split('-').at(-1) ?? ''
}

function fromLocalUser(user: LocalUser, adsi: AdsiUser | undefined): PasswordState {
  return {
    name: user.name,
    sid: user.sid,
    enabled: user.enabled,
    passwordRequired: user.passwordRequired,
    lastSetAt: user.passwordLastSet,
    // Without ADSI, PasswordExpires null under a limited policy is the account's own "never expires".
    neverExpires: adsi ? (adsi.userFlags & DONT_EXPIRE_PASSWD) !== 0 : user.passwordExpires === null,
    expired: adsi ? adsi.passwordExpired !== 0 : false,
  }
}

function fromAdsi(user: AdsiUser, now: Date): PasswordState {
  return {
    name: user.name,
    sid: user.sid,
    enabled: (user.userFlags & ACCOUNTDISABLE) === 0,
    passwordRequired: (user.userFlags & PASSWD_NOTREQD) === 0,
    lastSetAt: new Date(now.getTime() - user.passwordAgeSeconds * 1000),
    neverExpires: (user.userFlags & DONT_EXPIRE_PASSWD) !== 0,
    expired: user.passwordExpired !== 0,
  }
}

interface AccountContext {
  source: 'local-users' | 'adsi'
  policyDays: number | null
  currentUserSid: string
  now: Date
}

/**
 * `emptyPassword` means "no password is required" (PASSWD_NOTREQD, the Guest and `New-LocalUser -NoPassword`
 * case): such an account may still have a password, but nothing stops it from being blank, and finding out
 * would mean trying to log on with an empty one, which writes audit events and counts toward lockout. Such
 * an account counts as having no password for the age rule, and is reported by access.empty-password.
 * A required password never set (PasswordLastSet null) can only be one to choose at next logon (§1.1.1).
 */
function toAccount(state: PasswordState, context: AccountContext): Account {
  const { lastSetAt, passwordRequired } = state
  return {
    name: state.name,
    uid: state.sid,
    isCurrentUser: state.sid === context.currentUserSid,
    enabled: state.enabled,
    hasPassword: passwordRequired,
    emptyPassword: !passwordRequired,
    mustChange: state.expired || (passwordRequired && lastSetAt === null),
    passwordLastSetAt: lastSetAt?.toISOString() ?? null,
    passwordAgeDays: lastSetAt ? daysBetween(lastSetAt, context.now) : null,
    maxPasswordAgeDays: state.neverExpires ? null : context.policyDays,
    builtin: BUILTIN_RIDS[ridOf(state.sid)] ?? null,
    source: context.source,
  }
}

function maxAgeDays(seconds: number | null | undefined): number | null {
  if (seconds === null || seconds === undefined || seconds <= 0 || seconds >= TIMEQ_FOREVER) return null
  return Math.round(seconds / DAY_SECONDS)
}
