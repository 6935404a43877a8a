/**
 * The single exit point: runs the program and turns every outcome into an exit code. Errors the
 * user can act on are printed in their language, without a stack trace.
 */
import os from 'node:os'
import { CommanderError } from 'commander'
import type { AgentDeps } from '../agent/session.js'
import { systemClock } from '../core/clock.js'
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'
import { currentHost } from '../core/host.js'
import { createProcessRunner } from '../core/runner.js'
import { isLang, osLang, t, type Lang } from '../i18n/index.js'
import { logFileFromArgs, openLogFile } from '../schedule/log-file.js'
import { processIo, type CliIo } from './io.js'
import { createProgram } from './program.js'

/** --lang from the command line, read before commander so help and errors use it. */
export function langFromArgs(args: readonly string[]): Lang | null {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    const value = arg === '--lang' ? args[index + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined
    if (isLang(value)) return value
  }
  return null
}

export async function main(args: readonly string[], io: CliIo = processIo, deps?: AgentDeps): Promise<ExitCode> {
  // A scheduled run has no terminal: --log-file sends everything it says, errors included, to a file.
  const logFile = logFileFromArgs(args)
  if (logFile === null) return runProgram(args, io, deps)
  const log = openLogFile(logFile, deps?.clock ?? systemClock, io, langFromArgs(args) ?? osLang(io.env))
  const exitCode = await runProgram(args, log.io, deps)
  log.close(exitCode)
  return exitCode
}

async function runProgram(args: readonly string[], io: CliIo, deps: AgentDeps | undefined): Promise<ExitCode> {
  const explicitLang = langFromArgs(args)
  const lang = explicitLang ?? osLang(io.env)
  const host = deps?.host ?? currentHost(io.env)
  if (!host) {
    io.stderr.write(`hygiene: ${t(lang, 'error.unsupportedPlatform', { platform: process.platform })}\n`)
    return ExitCode.CouldNotComplete
  }
  let exitCode: ExitCode = ExitCode.Ok
  const program = createProgram({
    deps: deps ?? { host, run: createProcessRunner(), clock: systemClock, lowerPriority },
    io,
    lang,
    explicitLang,
    setExitCode: (code) => {
      exitCode = code
    },
  })
  try {
    await program.parseAsync(args, { from: 'user' })
    return exitCode
  } catch (error) {
    return reportError(error, io, lang)
  }
}

/**
 * Nice 19 on Linux and macOS; "below normal" on Windows, as the scheduled task asks (libuv's lowest
 * there is the idle class, which a busy PC might starve past the probes' time limits). Children inherit it.
 */
function lowerPriority(): void {
  const { PRIORITY_BELOW_NORMAL, PRIORITY_LOW } = os.constants.priority
  try {
    os.setPriority(process.platform === 'win32' ? PRIORITY_BELOW_NORMAL : PRIORITY_LOW)
  } catch {
    // Refused by a sandbox: the check still runs, at the priority the scheduler gave it.
  }
}

function reportError(error: unknown, io: CliIo, lang: Lang): ExitCode {
  if (error instanceof CommanderError) {
    // commander has printed its own message; help and version are successes.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0
      ? ExitCode.Ok
      : ExitCode.UsageError
  }
  if (error instanceof HygieneError) {
    io.stderr.write(`hygiene: ${t(lang, error.key, error.vars)}\n`)
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  io.stderr.write(`hygiene: ${t(lang, 'error.internal', { message })}\n`)
  if (io.env.HYGIENE_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
  return ExitCode.CouldNotComplete
}
