/**
 * macOS screen lock: whether waking from the screen saver or display sleep asks for the password
 * (sysadminctl), after how long the screen saver starts (its by-host preference) or the display
 * sleeps (pmset), and what a configuration profile enforces (Managed Preferences).
 */
import { booleanAt, numberAt, type PlistDict } from '../macos/plist.js'
import { readManagedPreferences } from '../macos/managed-preferences.js'
import { commandLine, readSources, runTool, unexpectedOutput, type ToolCall } from '../macos/run-tool.js'
import type { ProbeContext } from '../probe.js'
import type { ScreenLockFacts } from './schema.js'

/**
 * Since macOS 10.13 `askForPassword` in the user's com.apple.screensaver is neither written nor
 * obeyed (mathiasbynens/dotfiles#922); sysadminctl reports the setting, on stderr after a timestamp:
 * `screenLock delay is immediate`, `screenLock delay is 300 seconds`, `screenLock is off` (platform
 * reference §5.3; public parsers). Some releases say off as `screenLock delay is -1 seconds`, also
 * `-1.000000 seconds` (platform reference §5.3; a public macOS test-host script accepts both).
 * A public setup guide observed it on macOS 14.6 without root or a password; whether every release
 * answers without authentication is unverified.
 */
const SYSADMINCTL: ToolCall = { command: 'sysadminctl', args: ['-screenLock', 'status'], timeoutMs: 5_000 }
const LOCK_STATUS = /screenLock (?:delay )?is (immediate|off|(-?\d+)(?:\.\d+)? seconds)/
/**
 * Seconds before the screen saver starts, 0 for never. A key never set exits 1 with "does not
 * exist": the default, whose value Apple does not document, so it stays unknown (CIS audit notes).
 */
const IDLE_TIME: ToolCall = {
  command: 'defaults',
  args: ['-currentHost', 'read', 'com.apple.screensaver', 'idleTime'],
  timeoutMs: 5_000,
  exitCodes: [0, 1],
}
/** The settings in use for the current power source, e.g. ` displaysleep         10` in minutes, 0 for never. */
const PMSET: ToolCall = { command: 'pmset', args: ['-g'], timeoutMs: 5_000 }
const DISPLAY_SLEEP = /^\s*displaysleep\s+(\d+)/m
/**
 * A profile's com.apple.screensaver payload: `askForPassword`, `askForPasswordDelay` (seconds) and
 * `idleTime` (seconds), enforced over the user's own choice (Apple's ScreensaverUser payload; CIS 5.8).
 */
const SCREENSAVER_DOMAIN = 'com.apple.screensaver'
const POLICY_KEYS = ['askForPassword', 'askForPasswordDelay', 'idleTime']
const SOURCE = 'sysadminctl -screenLock, com.apple.screensaver, pmset'
const POLICY_SOURCE = '/Library/Managed Preferences/com.apple.screensaver'

interface LockStatus {
  requiresPassword: boolean
  /** Seconds between the screen saver or display sleep and the lock; null when no lock. */
  delaySeconds: number | null
}

export async function collectMacosScreenLock(ctx: ProbeContext): Promise<ScreenLockFacts> {
  const { values, problems } = await readSources([
    (noted: string[]) => readManagedPreferences(ctx, SCREENSAVER_DOMAIN, noted),
    (noted: string[]) => lockStatus(ctx, noted),
    (noted: string[]) => screenSaverIdle(ctx, noted),
    (noted: string[]) => displaySleep(ctx, noted),
  ])
  const [managed, status, screenSaverSeconds, displaySleepMinutes] = values
  const policy = managed.values
  const enforced = POLICY_KEYS.some((key) => policy.has(key))
  const requiresPassword = managedBoolean(policy, 'askForPassword') ?? status?.requiresPassword ?? null
  const delaySeconds = numberAt(policy, 'askForPasswordDelay') ?? status?.delaySeconds ?? null
  const triggers = [numberAt(policy, 'idleTime') ?? screenSaverSeconds, minutesToSeconds(displaySleepMinutes)]
  const firstTrigger = earliestTrigger(triggers)
  // Without a password nothing locks, so only the idle time counts; with one, an unknown delay is unknown.
  const lockDelay = requiresPassword === false ? 0 : delaySeconds
  return {
    desktop: true,
    lockEnabled: locks(requiresPassword, firstTrigger),
    requiresPassword,
    idleMinutes: firstTrigger && lockDelay !== null ? Math.round(((firstTrigger + lockDelay) / 60) * 100) / 100 : null,
    enforcedByPolicy: enforced ? true : managed.unreadable ? null : false,
    source: enforced ? POLICY_SOURCE : SOURCE,
    problems,
  }
}

/**
 * Seconds to the earliest idle trigger known to start: an unknown one could only lock sooner, so this
 * bounds the wait. Undefined when none ever starts (all known and 0), null when none is known to start.
 */
function earliestTrigger(seconds: ReadonlyArray<number | null>): number | null | undefined {
  const starting = seconds.filter((value): value is number => value !== null && value > 0)
  if (starting.length > 0) return Math.min(...starting)
  return seconds.includes(null) ? null : undefined
}

function locks(requiresPassword: boolean | null, firstTrigger: number | null | undefined): boolean | null {
  if (requiresPassword === false || firstTrigger === undefined) return false
  return requiresPassword === null || firstTrigger === null ? null : true
}

function minutesToSeconds(minutes: number | null): number | null {
  return minutes === null ? null : minutes * 60
}

/** A profile writes booleans, older ones the integers 1 and 0 (CIS remediation profiles). */
function managedBoolean(policy: PlistDict, key: string): boolean | null {
  const number = numberAt(policy, key)
  return booleanAt(policy, key) ?? (number === null ? null : number !== 0)
}

async function lockStatus(ctx: ProbeContext, problems: string[]): Promise<LockStatus | null> {
  const result = await runTool(ctx, SYSADMINCTL, problems)
  if (!result) return null
  const text = `${result.stderr}\n${result.stdout}`
  const match = LOCK_STATUS.exec(text)
  if (!match) {
    problems.push(unexpectedOutput(SYSADMINCTL, text))
    return null
  }
  const seconds = match[2] === undefined ? 0 : Number(match[2])
  if (match[1] === 'off' || seconds < 0) return { requiresPassword: false, delaySeconds: null }
  return { requiresPassword: true, delaySeconds: seconds }
}

async function screenSaverIdle(ctx: ProbeContext, problems: string[]): Promise<number | null> {
  const result = await runTool(ctx, IDLE_TIME, problems)
  if (!result || result.exitCode !== 0) return null
  const seconds = /^\s*(\d+)\s*$/.exec(result.stdout)?.[1]
  if (seconds === undefined) problems.push(unexpectedOutput(IDLE_TIME, result.stdout))
  return seconds === undefined ? null : Number(seconds)
}

async function displaySleep(ctx: ProbeContext, problems: string[]): Promise<number | null> {
  const result = await runTool(ctx, PMSET, problems)
  if (!result) return null
  const minutes = DISPLAY_SLEEP.exec(result.stdout)?.[1]
  if (minutes === undefined) problems.push(`${commandLine(PMSET)}: no displaysleep setting`)
  return minutes === undefined ? null : Number(minutes)
}
