/** The CLI's streams and terminal facts, injectable so end-to-end tests can run the program in-process too. */
import { rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'

export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  env: Readonly<Record<string, string | undefined>>
  /** Where answers to questions come from; without it nothing is asked. */
  stdin?: NodeJS.ReadableStream
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin }

/** Colour only on a terminal, never with NO_COLOR (https://no-color.org), always with FORCE_COLOR. */
export function colorLevel(io: CliIo): 0 | 1 | 2 | 3 {
  if (io.env.NO_COLOR) return 0
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return 1
  return io.stdout.isTTY ? (io.env.COLORTERM ? 3 : 1) : 0
}

/** Writes the product to --output (atomically: a temp file renamed over the target) or to stdout. */
export async function emit(io: CliIo, text: string, output: string | undefined): Promise<void> {
  if (!output) {
    io.stdout.write(text)
    return
  }
  const target = path.resolve(output)
  const temp = `${target}.${process.pid}.tmp`
  try {
    await writeFile(temp, text, 'utf8')
    await rename(temp, target)
  } catch {
    throw new HygieneError('output.cannotWrite', { file: target }, ExitCode.CouldNotComplete)
  }
}

/** `--only a,b --only c` → [a, b, c]. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)]
}

export function collectRepeat(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
