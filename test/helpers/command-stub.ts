/**
 * A CommandRunner for tests: each expected call is registered with its answer. An unexpected call
 * throws, and `assertAllUsed` fails the test when a registered call never happened.
 */
import type { CommandRunner, RunResult } from '../../src/core/runner.js'

export interface StubAnswer {
  stdout?: string
  stderr?: string
  exitCode?: number | null
  timedOut?: boolean
  notFound?: boolean
  outputCapped?: boolean
}

interface Expectation {
  commandLine: string | RegExp
  answer: StubAnswer
  /** How many times it may be called; Infinity for "any number, at least once". */
  times: number
  calls: number
}

export interface CommandStub {
  run: CommandRunner
  /** Registers an answer for a command line: `command arg1 arg2` (exact) or a pattern. */
  on(commandLine: string | RegExp, answer: StubAnswer, times?: number): CommandStub
  /** Every command line run, in order. */
  readonly calls: string[]
  assertAllUsed(): void
}

export function commandStub(): CommandStub {
  const expectations: Expectation[] = []
  const calls: string[] = []
  const run: CommandRunner = async (command, args) => {
    const line = [command, ...args].join(' ')
    calls.push(line)
    const match = expectations.find(
      (e) => e.calls < e.times && (typeof e.commandLine === 'string' ? e.commandLine === line : e.commandLine.test(line)),
    )
    if (!match) throw new Error(`unexpected command in test: ${line}`)
    match.calls++
    return answer(match.answer)
  }
  const stub: CommandStub = {
    run,
    calls,
    on(commandLine, answer, times = 1) {
      expectations.push({ commandLine, answer, times, calls: 0 })
      return stub
    },
    assertAllUsed() {
      const unused = expectations.filter((e) => e.calls === 0).map((e) => String(e.commandLine))
      if (unused.length) throw new Error(`registered commands never run: ${unused.join('; ')}`)
    },
  }
  return stub
}

function answer(a: StubAnswer): RunResult {
  return {
    exitCode: a.notFound || a.timedOut ? (a.exitCode ?? null) : (a.exitCode ?? 0),
    stdout: a.stdout ?? '',
    stderr: a.stderr ?? '',
    timedOut: a.timedOut ?? false,
    notFound: a.notFound ?? false,
    outputCapped: a.outputCapped ?? false,
  }
}

/** A runner for tests that must not start any process. */
export const noCommands: CommandRunner = async (command, args) => {
  throw new Error(`unexpected command in test: ${[command, ...args].join(' ')}`)
}
