/**
 * Linux screen lock of the desktop session: GNOME through gsettings, KDE Plasma through
 * kscreenlockerrc. Without a graphical desktop there is nothing to lock (`desktop: false`).
 */
import path from 'node:path'
import { keyFileBoolean, lastValue, parseKeyFile } from '../accounts/key-file-linux.js'
import { readSystemText, readTextOrNull } from '../accounts/system-text-linux.js'
import type { ProbeContext } from '../probe.js'
import { dconfLockedKeys, isLocked } from './dconf-locks-linux.js'
import { linuxDesktop } from './desktop-linux.js'
import { gvariantBoolean, gvariantUint, readGSettings } from './gsettings-linux.js'
import type { ScreenLockFacts } from './schema.js'

type Settings = Omit<ScreenLockFacts, 'desktop'>

const UNREAD: Settings = {
  lockEnabled: null,
  requiresPassword: null,
  idleMinutes: null,
  enforcedByPolicy: null,
  source: null,
  problems: [],
}

export async function collectLinuxScreenLock(ctx: ProbeContext): Promise<ScreenLockFacts> {
  const desktop = await linuxDesktop(ctx)
  if (!desktop) return { desktop: false, ...UNREAD }
  if (desktop.notOwnSession) return { desktop: true, ...UNREAD, problems: [desktop.notOwnSession] }
  switch (desktop.kind) {
    case 'gnome':
      return { desktop: true, ...(await gnomeScreenLock(ctx)) }
    case 'kde':
      return { desktop: true, ...(await kdeScreenLock(ctx)) }
    default:
      return { desktop: true, ...UNREAD, problems: [`${desktop.name}: its screen lock settings are not read yet`] }
  }
}

const IDLE_DELAY = '/org/gnome/desktop/session/idle-delay'
const LOCK_ENABLED = '/org/gnome/desktop/screensaver/lock-enabled'

/**
 * The screen blanks after `idle-delay` seconds (0: never) and locks `lock-delay` seconds later if
 * `lock-enabled`; `org.gnome.desktop.lockdown disable-lock-screen` forbids locking at all
 * (gsettings-desktop-schemas; defaults 300 s, true, 0 s, false on Debian 12, platform-reference §5.3).
 */
async function gnomeScreenLock(ctx: ProbeContext): Promise<Settings> {
  const [session, screensaver, lockdown, locked] = await Promise.all([
    readGSettings(ctx, 'org.gnome.desktop.session'),
    readGSettings(ctx, 'org.gnome.desktop.screensaver'),
    readGSettings(ctx, 'org.gnome.desktop.lockdown'),
    dconfLockedKeys(ctx),
  ])
  const problems = [session, screensaver, lockdown].flatMap((read) => (read.ok ? [] : [read.problem]))
  if (!session.ok || !screensaver.ok) return { ...UNREAD, problems }
  const idleDelay = gvariantUint(session.values.get('idle-delay'))
  const lockDelay = gvariantUint(screensaver.values.get('lock-delay')) ?? 0
  const lockOn = gvariantBoolean(screensaver.values.get('lock-enabled'))
  const lockForbidden = lockdown.ok ? gvariantBoolean(lockdown.values.get('disable-lock-screen')) : false
  const lockAllowed = lockOn === null || lockForbidden === null ? null : lockOn && !lockForbidden
  return {
    lockEnabled: lockAllowed === null || idleDelay === null ? null : lockAllowed && idleDelay > 0,
    requiresPassword: lockAllowed,
    idleMinutes: idleDelay ? (idleDelay + lockDelay) / 60 : null,
    enforcedByPolicy: isLocked(locked, IDLE_DELAY) && isLocked(locked, LOCK_ENABLED),
    source: 'gsettings org.gnome.desktop.session, org.gnome.desktop.screensaver',
    problems,
  }
}

/**
 * kscreenlockerrc `[Daemon]`: Autolock (default true), Timeout in minutes (default 5), LockGrace in
 * seconds before the password is asked (default 5), RequirePassword (Plasma 6, default true)
 * (KDE/kscreenlocker kcfg/kscreenlockersettings.kcfg). /etc/xdg holds the administrator's defaults.
 */
async function kdeScreenLock(ctx: ProbeContext): Promise<Settings> {
  const { env, homeDir } = ctx.host
  const userFile = path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homeDir, '.config'), 'kscreenlockerrc')
  const [systemText, userText] = await Promise.all([
    readSystemText(ctx, '/etc/xdg/kscreenlockerrc'),
    readTextOrNull(userFile),
  ])
  const entries = parseKeyFile(`${systemText ?? ''}\n${userText ?? ''}`)
  const daemon = (key: string): string | undefined => lastValue(entries, (section) => section === 'Daemon', key)
  const autolock = keyFileBoolean(daemon('Autolock')) ?? true
  const timeout = Number(daemon('Timeout') ?? 5)
  const grace = Number(daemon('LockGrace') ?? 5)
  const readable = Number.isFinite(timeout) && Number.isFinite(grace)
  return {
    lockEnabled: autolock && (readable ? timeout > 0 : null),
    requiresPassword: keyFileBoolean(daemon('RequirePassword')) ?? true,
    idleMinutes: autolock && readable ? timeout + grace / 60 : null,
    enforcedByPolicy: null,
    source: userFile,
    problems: readable ? [] : [`${userFile}: Timeout or LockGrace is not a number`],
  }
}
