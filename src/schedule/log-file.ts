// `--log-file`: a scheduled run writes its messages to a small file in the data folder instead of a terminal.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import type { CliIo } from '../cli/io.js'
import { osLang, t, type Lang } from '../i18n/index.js'

/** A daily check adds a few lines; past this size the log starts again and the old one is kept as `.1`. */
export const LOG_MAX_BYTES = 256 * 1024

/** The --log-file value on the command line, or null. */
export function logFileFromArgs(args: readonly string[]): string | null {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (arg === '--log-file') return args[index + 1] ?? null
    if (arg.startsWith('--log-file=')) return arg.slice('--log-file='.length)
  }
  return null
}

export interface LogSession {
  io: CliIo
  /** Records how the run ended. */
  close(exitCode: number): void
}

/**
 * An io that appends stdout and stderr to `file`, after a line with the start time. Writes are
 * synchronous so the lines stay in order and survive a run that is killed at its time limit.
 * When the file cannot be written, the run goes on with the original io and says why on stderr.
 */
export function openLogFile(file: string, clock: Clock, fallback: CliIo, lang: Lang = osLang(fallback.env)): LogSession {
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    if (sizeOf(file) > LOG_MAX_BYTES) renameSync(file, `${file}.1`)
    appendFileSync(file, `--- ${clock.now().toISOString()}\n`)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    fallback.stderr.write(`hygiene: ${t(lang, 'schedule.logUnwritable', { file, reason })}\n`)
    return { io: fallback, close: () => {} }
  }
  const sink = {
    write: (text: string) => {
      try {
        appendFileSync(file, text)
      } catch {
        // A full disk must not stop the check (or its upload) half way.
      }
    },
  }
  return {
    io: { stdout: sink, stderr: sink, env: fallback.env },
    close: (exitCode) => sink.write(`--- exit code ${exitCode}\n`),
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}
