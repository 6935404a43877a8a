/**
 * Linux accounts: every human account (UID_MIN..UID_MAX, plus root) with a login shell, and the
 * age of its password. /etc/shadow needs root; without it only the current user's own data is
 * readable, through `chage -l` (setgid shadow) and `passwd -S`. Administrator rights come from
 * /etc/group, guest and automatic login from the display managers' files (all world-readable).
 */
import { dateFromEpochDay, daysBetween, epochDay } from '../../core/clock.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { isLinuxAdmin } from './admin-linux.js'
import { parseChage, parsePasswdStatus, type ChageInfo } from './chage.js'
import { readLoginScreen, type LoginScreen } from './login-screen-linux.js'
import type { Account, AccountsFacts } from './schema.js'
import {
  hasLoginShell,
  NEVER_EXPIRES_DAYS,
  parseLoginDefs,
  parsePasswd,
  parseShadow,
  type PasswdEntry,
  type ShadowEntry,
} from './shadow.js'
import { readSystemText } from './system-text-linux.js'

export async function collectLinuxAccounts(ctx: ProbeContext): Promise<AccountsFacts> {
  const passwdText = await readSystemText(ctx, '/etc/passwd')
  if (passwdText === null) throw new ProbeFailure('/etc/passwd cannot be read')
  const loginDefs = parseLoginDefs((await readSystemText(ctx, '/etc/login.defs')) ?? '')
  const uidMin = loginDefs.UID_MIN ?? 1000
  const uidMax = loginDefs.UID_MAX ?? 60000
  const humans = parsePasswd(passwdText).filter(
    (entry) => hasLoginShell(entry) && (entry.uid === 0 || (entry.uid >= uidMin && entry.uid <= uidMax)),
  )

  const shadowText = await readSystemText(ctx, '/etc/shadow')
  const today = epochDay(ctx.clock.now())
  let users: Account[]
  if (shadowText !== null) {
    const shadow = parseShadow(shadowText)
    users = humans.map((entry) => fromShadow(ctx, entry, shadow.get(entry.name), today))
  } else {
    users = await Promise.all(
      humans.map((entry) => (entry.name === ctx.host.userName ? fromOwnTools(ctx, entry) : unreadable(ctx, entry))),
    )
  }

  const [groupText, loginScreen] = await Promise.all([
    readSystemText(ctx, '/etc/group'),
    readLoginScreen(ctx).catch((): LoginScreen => UNREADABLE_LOGIN_SCREEN),
  ])
  const policyMax = loginDefs.PASS_MAX_DAYS
  return {
    users,
    policy: {
      maxPasswordAgeDays: policyMax === undefined || policyMax >= NEVER_EXPIRES_DAYS || policyMax < 0 ? null : policyMax,
      source: policyMax === undefined ? null : '/etc/login.defs PASS_MAX_DAYS',
    },
    limitedToCurrentUser: shadowText === null,
    domainJoined: null,
    currentUserIsAdmin: isLinuxAdmin(ctx.host.userName, passwdText, groupText),
    ...loginScreen,
  }
}

const UNREADABLE_LOGIN_SCREEN: LoginScreen = {
  guestEnabled: null,
  autoLogon: { enabled: null, user: null, storedPassword: null, source: null },
}

function base(ctx: ProbeContext, entry: PasswdEntry): Pick<Account, 'name' | 'uid' | 'isCurrentUser' | 'builtin'> {
  return { name: entry.name, uid: String(entry.uid), isCurrentUser: entry.name === ctx.host.userName, builtin: null }
}

function fromShadow(ctx: ProbeContext, entry: PasswdEntry, shadow: ShadowEntry | undefined, today: number): Account {
  if (!shadow) return unreadable(ctx, entry)
  const expired = shadow.expireDay !== null && shadow.expireDay <= today
  const lastSetDay = shadow.lastChangeDay !== null && shadow.lastChangeDay > 0 ? shadow.lastChangeDay : null
  return {
    ...base(ctx, entry),
    enabled: !shadow.locked && !expired,
    hasPassword: !shadow.locked && !shadow.emptyPassword,
    emptyPassword: shadow.emptyPassword,
    mustChange: shadow.lastChangeDay === 0,
    passwordLastSetAt: lastSetDay === null ? null : dateFromEpochDay(lastSetDay).toISOString(),
    passwordAgeDays: lastSetDay === null ? null : today - lastSetDay,
    maxPasswordAgeDays: shadow.maxDays === null || shadow.maxDays >= NEVER_EXPIRES_DAYS ? null : shadow.maxDays,
    source: 'shadow',
  }
}

function unreadable(ctx: ProbeContext, entry: PasswdEntry): Account {
  return {
    ...base(ctx, entry),
    enabled: null,
    hasPassword: null,
    emptyPassword: null,
    mustChange: null,
    passwordLastSetAt: null,
    passwordAgeDays: null,
    maxPasswordAgeDays: null,
    source: 'unreadable',
  }
}

async function fromOwnTools(ctx: ProbeContext, entry: PasswdEntry): Promise<Account> {
  const [chage, status] = await Promise.all([readOwnChage(ctx, entry.name), readOwnStatus(ctx, entry.name)])
  if (!chage) return unreadable(ctx, entry)
  const now = ctx.clock.now()
  const expired = chage.accountExpires !== null && chage.accountExpires.getTime() <= now.getTime()
  const lastSet = chage.lastChange instanceof Date ? chage.lastChange : null
  return {
    ...base(ctx, entry),
    enabled: status === null ? !expired : status !== 'locked' && !expired,
    hasPassword: status === null ? null : status === 'usable',
    emptyPassword: status === null ? null : status === 'empty',
    mustChange: chage.lastChange === 'must-change',
    passwordLastSetAt: lastSet?.toISOString() ?? null,
    passwordAgeDays: lastSet ? daysBetween(lastSet, now) : null,
    maxPasswordAgeDays: chage.maxDays === null || chage.maxDays >= NEVER_EXPIRES_DAYS || chage.maxDays < 0 ? null : chage.maxDays,
    source: 'chage',
  }
}

/** `chage -i` (ISO dates) exists in shadow 4.13 (Debian 12); older versions reject it, so retry without. */
async function readOwnChage(ctx: ProbeContext, user: string): Promise<ChageInfo | null> {
  for (const args of [['-l', '-i', user], ['-l', user]]) {
    const result = await ctx.run('chage', args, { timeoutMs: 5_000 })
    if (result.exitCode === 0) return parseChage(result.stdout)
    if (result.notFound || result.timedOut) break
  }
  return null
}

async function readOwnStatus(ctx: ProbeContext, user: string): Promise<'usable' | 'locked' | 'empty' | null> {
  const result = await ctx.run('passwd', ['-S', user], { timeoutMs: 5_000 })
  return result.exitCode === 0 ? parsePasswdStatus(result.stdout) : null
}
