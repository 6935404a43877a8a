/** Runs the built `hygiene` command as a child process, in a temp HOME, as a user would. */
import { execa } from 'execa'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/hygiene.js', import.meta.url))

export interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

export async function hygiene(args: string[], options: { home: string; env?: Record<string, string> }): Promise<CliRun> {
  const result = await execa(process.execPath, [BIN, ...args], {
    reject: false,
    cwd: options.home,
    extendEnv: false,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: options.home,
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      ...options.env,
    },
    timeout: 60_000,
  })
  if (result.exitCode === undefined) throw new Error(`hygiene did not run: ${result.message}`)
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) }
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)/m
