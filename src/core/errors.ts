/**
 * Errors the user can act on. They carry a message key and values rather than text, so the CLI
 * prints them in the user's language; only the CLI turns them into text and an exit code.
 */
import type { MessageKey } from '../i18n/index.js'
import { ExitCode } from './exit-codes.js'

export type MessageVars = Record<string, string | number>

export class HygieneError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars: MessageVars = {},
    readonly exitCode: ExitCode = ExitCode.UsageError,
  ) {
    super(`${key} ${JSON.stringify(vars)}`)
    this.name = 'HygieneError'
  }
}

export function usageError(key: MessageKey, vars: MessageVars = {}): HygieneError {
  return new HygieneError(key, vars, ExitCode.UsageError)
}
