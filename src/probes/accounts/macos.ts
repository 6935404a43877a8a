/**
 * macOS accounts: the local human accounts of the directory (uid 501 and up, a login shell, no `_`
 * service name), their password age from accountPolicyData, the global password policy, the Guest
 * account and automatic login of the login window, and whether the current user is an administrator.
 * Whether an account's password is empty is in ShadowHashData, which only root may read: it stays null.
 */
import { stat } from 'node:fs/promises'
import { daysBetween } from '../../core/clock.js'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import { describeFailure } from '../../core/runner.js'
import { booleanAt, isDict, PlistError, stringAt, type PlistDict } from '../macos/plist.js'
import { readPlistFile } from '../macos/plist-file.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { hasShadowHash, isDisabledUser, parseDsclUsers, parsePolicyMaxDays, type DsclUser } from './dscl-macos.js'
import type { Account, AccountsFacts } from './schema.js'
import { hasLoginShell } from './shadow.js'

const DSCL_ATTRIBUTES = ['RecordName', 'UniqueID', 'UserShell', 'AuthenticationAuthority', 'accountPolicyData']
const DSCL_ARGS = ['-plist', '.', '-readall', '/Users', ...DSCL_ATTRIBUTES]
const PWPOLICY_ARGS = ['-getaccountpolicies']
const COMMAND_TIMEOUT_MS = 5_000
/** Apple gives the first account 501; lower ids are the system's (Guest is 201). */
const FIRST_HUMAN_UID = 501
const LOGIN_WINDOW_PLIST = '/Library/Preferences/com.apple.loginwindow.plist'
const POLICY_SOURCE = 'pwpolicy -getaccountpolicies'
/** The Guest account's fixed uid when its directory record is not there to say. */
const GUEST_UID = 201
/**
 * Automatic login keeps the password, merely obfuscated, in this root-only file, which exists only
 * while automatic login is on; anyone may see that it exists (platform reference §1.3; a public
 * Swift security checkup reads it so).
 */
const KCPASSWORD = '/etc/kcpassword'
const AUTO_LOGIN_SOURCE = 'com.apple.loginwindow autoLoginUser, /etc/kcpassword'
/** Administrators are the members of group `admin`; `id -Gn` also resolves nested groups (platform reference §1.3). */
const ADMIN_GROUP = 'admin'

export async function collectMacosAccounts(ctx: ProbeContext): Promise<AccountsFacts> {
  const [records, policyMaxDays, loginWindow, kcpassword, currentUserIsAdmin] = await Promise.all([
    readDsclUsers(ctx),
    readPolicyMaxDays(ctx),
    readLoginWindow(ctx),
    fileExists(ctx, KCPASSWORD),
    isAdmin(ctx),
  ])
  // A missing GuestEnabled key is the default: the Guest account is off (platform reference §1.3).
  const guestEnabled = loginWindow ? (booleanAt(loginWindow, 'GuestEnabled') ?? false) : null
  const autoLoginUser = loginWindow ? stringAt(loginWindow, 'autoLoginUser') || null : null
  const now = ctx.clock.now()
  const policyDays = policyMaxDays ?? null
  const users = records
    .filter((user) => user.uid >= FIRST_HUMAN_UID && !user.name.startsWith('_') && hasLoginShell(user))
    .map((user) => toAccount(ctx, user, policyDays, now))
  if (guestEnabled !== false) {
    const guestUid = records.find((user) => user.name === 'Guest')?.uid ?? GUEST_UID
    users.push(guestAccount(guestUid, guestEnabled))
  }
  return {
    users,
    policy: { maxPasswordAgeDays: policyDays, source: policyMaxDays === undefined ? null : POLICY_SOURCE },
    limitedToCurrentUser: users.some((user) => user.source === 'unreadable'),
    domainJoined: null,
    currentUserIsAdmin,
    guestEnabled,
    autoLogon: {
      enabled: autoLoginUser !== null || kcpassword === true ? true : loginWindow ? false : null,
      user: autoLoginUser,
      storedPassword: kcpassword,
      source: AUTO_LOGIN_SOURCE,
    },
  }
}

async function readDsclUsers(ctx: ProbeContext): Promise<DsclUser[]> {
  const result = await ctx.run('dscl', DSCL_ARGS, { timeoutMs: COMMAND_TIMEOUT_MS })
  if (result.exitCode !== 0 || result.timedOut) {
    const reason = describeFailure(['dscl', ...DSCL_ARGS].join(' '), result)
    throw new ProbeFailure(`the local accounts cannot be listed (${reason})`)
  }
  try {
    return parseDsclUsers(result.stdout)
  } catch (error) {
    if (error instanceof PlistError) throw new ProbeFailure(`dscl printed no list of accounts: ${error.message}`)
    throw error
  }
}

/** Days, null when no policy sets a maximum, undefined when the policy could not be read. */
async function readPolicyMaxDays(ctx: ProbeContext): Promise<number | null | undefined> {
  const result = await ctx.run('pwpolicy', PWPOLICY_ARGS, { timeoutMs: COMMAND_TIMEOUT_MS })
  if (result.exitCode !== 0 || result.timedOut) return undefined
  try {
    return parsePolicyMaxDays(result.stdout)
  } catch (error) {
    if (error instanceof PlistError) return undefined
    throw error
  }
}

/** The login window's preferences: empty when the file is missing (every default), null when unreadable. */
async function readLoginWindow(ctx: ProbeContext): Promise<PlistDict | null> {
  const read = await readPlistFile(ctx, LOGIN_WINDOW_PLIST)
  if (read.state === 'missing') return new Map()
  return read.state === 'ok' && isDict(read.value) ? read.value : null
}

/** Null when the file's existence cannot be told (its folder refused). */
async function fileExists(ctx: ProbeContext, absolutePath: string): Promise<boolean | null> {
  try {
    await stat(systemPath(ctx.host, absolutePath))
    return true
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? false : null
  }
}

/** Whether the account running hygiene is in group admin; null when `id` does not answer. */
async function isAdmin(ctx: ProbeContext): Promise<boolean | null> {
  const result = await ctx.run('id', ['-Gn', ctx.host.userName], { timeoutMs: COMMAND_TIMEOUT_MS })
  if (result.exitCode !== 0 || result.timedOut || result.stdout.trim() === '') return null
  return result.stdout.trim().split(/\s+/).includes(ADMIN_GROUP)
}

function toAccount(ctx: ProbeContext, user: DsclUser, policyDays: number | null, now: Date): Account {
  const authority = user.authenticationAuthority
  const base = {
    name: user.name,
    uid: String(user.uid),
    isCurrentUser: user.name === ctx.host.userName,
    enabled: authority === null ? null : !isDisabledUser(authority),
    hasPassword: authority === null ? null : hasShadowHash(authority),
    emptyPassword: null,
    builtin: null,
  }
  if (user.accountPolicy === null) {
    return {
      ...base,
      mustChange: null,
      passwordLastSetAt: null,
      passwordAgeDays: null,
      maxPasswordAgeDays: null,
      source: 'unreadable',
    }
  }
  const lastSet = user.accountPolicy.passwordLastSetAt
  return {
    ...base,
    // No readable "change at next login" flag of a local account is documented; an expired password
    // shows up through its age against the policy instead.
    mustChange: false,
    passwordLastSetAt: lastSet?.toISOString() ?? null,
    passwordAgeDays: lastSet ? daysBetween(lastSet, now) : null,
    // The global account policy applies to every local account.
    maxPasswordAgeDays: policyDays,
    source: 'dscl',
  }
}

/** The Guest account logs in without a password; null `enabled` when the login window's setting is unreadable. */
function guestAccount(uid: number, enabled: boolean | null): Account {
  return {
    name: 'Guest',
    uid: String(uid),
    isCurrentUser: false,
    enabled,
    hasPassword: false,
    emptyPassword: true,
    mustChange: false,
    passwordLastSetAt: null,
    passwordAgeDays: null,
    maxPasswordAgeDays: null,
    builtin: 'guest',
    source: 'dscl',
  }
}
