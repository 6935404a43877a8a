/**
 * Windows screen lock from the shared PowerShell run (platform-reference §5.3), registry only, no admin rights:
 * the user's screen saver (HKCU\Control Panel\Desktop), the same values set by Group Policy (which win), and
 * the machine inactivity limit (InactivityTimeoutSecs), after which Windows locks whatever the screen saver.
 * Locking on display-off or sleep ("require sign-in on wake") and Dynamic Lock are not read.
 */
import type { ProbeContext } from '../probe.js'
import {
  ScreenLockSectionSchema,
  windowsSection,
  type ScreenLockSection,
  type ScreenSaver,
} from '../windows/windows-facts.js'
import type { ScreenLockFacts } from './schema.js'

const USER_KEY = 'HKCU\\Control Panel\\Desktop'
const POLICY_KEY = 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop'
const INACTIVITY_VALUE = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs'
const ENABLED = 1

export async function collectWindowsScreenLock(ctx: ProbeContext): Promise<ScreenLockFacts> {
  return windowsScreenLockFacts(await windowsSection(ctx, 'screenlock', ScreenLockSectionSchema))
}

/** A lock and where it comes from. */
interface Lock {
  seconds: number
  enforced: boolean
  source: string
}

export function windowsScreenLockFacts(section: ScreenLockSection): ScreenLockFacts {
  const { user, policy } = section
  const value = <K extends keyof ScreenSaver>(name: K): ScreenSaver[K] => policy[name] ?? user[name]
  const fromPolicy = (name: keyof ScreenSaver): boolean => policy[name] !== null
  // ScreenSaveActive missing means active; with no SCRNSAVE.EXE ("(None)" chosen) no screen saver runs
  // (Windows 2000 registry reference: SCRNSAVE.EXE is deleted when (None) is chosen).
  const timeout = value('timeoutSeconds') ?? 0
  const saverRuns = value('active') !== 0 && value('executable') !== null && timeout > 0
  const saverLocks = saverRuns && value('secure') === ENABLED
  const inactivity = section.inactivityTimeoutSecs ?? 0
  const locks: Lock[] = []
  if (saverLocks) {
    const enforced = fromPolicy('secure') && fromPolicy('timeoutSeconds')
    locks.push({ seconds: timeout, enforced, source: fromPolicy('timeoutSeconds') ? POLICY_KEY : USER_KEY })
  }
  // The machine inactivity limit (0 = off) locks the session itself (MITRE Windows Server 2019 STIG V-92961).
  if (inactivity > 0) locks.push({ seconds: inactivity, enforced: true, source: INACTIVITY_VALUE })
  const first = locks.sort((a, b) => a.seconds - b.seconds)[0]
  const policySet = Object.values(policy).some((entry) => entry !== null)
  return {
    desktop: true,
    lockEnabled: first !== undefined,
    // A screen saver that does not ask for the password hides the screen but opens again without it.
    requiresPassword: first ? true : saverRuns ? false : null,
    idleMinutes: first ? first.seconds / 60 : null,
    enforcedByPolicy: first ? first.enforced : policySet,
    source: first?.source ?? (policySet ? POLICY_KEY : USER_KEY),
    problems: [],
  }
}
