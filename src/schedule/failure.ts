// The error a schedule command raises when the platform's scheduler refuses or is missing.
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'
import { describeFailure, type RunResult } from '../core/runner.js'

export function schedulerFailed(command: string, result: RunResult): HygieneError {
  return new HygieneError('schedule.failed', { detail: describeFailure(command, result) }, ExitCode.CouldNotComplete)
}

export const succeeded = (result: RunResult): boolean => result.exitCode === 0 && !result.timedOut && !result.notFound
