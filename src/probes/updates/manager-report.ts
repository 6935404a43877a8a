// What each package-manager module (apt, dnf, zypper) hands back to the Linux collector, and the helpers they share.
import { describeFailure, type RunResult } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'
import type { UpdatesFacts } from './schema.js'

export type PackageManager = NonNullable<UpdatesFacts['packageManager']>

export interface PendingCounts {
  pendingUpdates: number
  /** null when the total is known but the security part could not be determined. */
  pendingSecurityUpdates: number | null
  securityPackages: string[]
}

export interface ManagerReport {
  packageManager: PackageManager
  /** null when the package manager could not say what is pending. */
  pending: PendingCounts | null
  indexRefreshedAt: Date | null
  rebootRequired: boolean | null
  /** Why a fact is missing; they become the probe's error when nothing at all could be determined. */
  problems: string[]
}

const SECURITY_PACKAGES_MAX = 50

export function nothingPending(): PendingCounts {
  return { pendingUpdates: 0, pendingSecurityUpdates: 0, securityPackages: [] }
}

/** Distinct names, sorted, cut to the length the facts schema allows. */
export function securityPackageList(names: Iterable<string>): string[] {
  return [...new Set(names)].sort().slice(0, SECURITY_PACKAGES_MAX)
}

/**
 * Runs one command through ctx.run (which sets the C locale) and returns its result when it exited with an
 * accepted code; otherwise records why in `problems` and returns null.
 */
export async function runAccepted(
  ctx: ProbeContext,
  command: string,
  args: readonly string[],
  accepted: (exitCode: number) => boolean,
  timeoutMs: number,
  problems: string[],
): Promise<RunResult | null> {
  const result = await ctx.run(command, args, { timeoutMs })
  if (!result.timedOut && !result.outputCapped && result.exitCode !== null && accepted(result.exitCode)) {
    return result
  }
  problems.push(describeFailure([command, ...args].join(' '), result))
  return null
}
