// Runs one macOS tool with its time limit: the result when it answered, else null and the reason in `problems`.
import { describeFailure, type RunResult } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'

export interface ToolCall {
  command: string
  args: readonly string[]
  timeoutMs: number
  /** Exit statuses that still carry an answer (`spctl --status` exits 1 when Gatekeeper is off). */
  exitCodes?: readonly number[]
}

export function commandLine(call: ToolCall): string {
  return [call.command, ...call.args].join(' ')
}

export async function runTool(ctx: ProbeContext, call: ToolCall, problems: string[]): Promise<RunResult | null> {
  const result = await ctx.run(call.command, call.args, { timeoutMs: call.timeoutMs })
  const answered = result.exitCode !== null && (call.exitCodes ?? [0]).includes(result.exitCode)
  if (result.timedOut || result.outputCapped || !answered) {
    problems.push(describeFailure(commandLine(call), result))
    return null
  }
  return result
}

/** The problem entry for output that holds none of the documented answers (its first line, shortened). */
export function unexpectedOutput(call: ToolCall, text: string): string {
  const first = text.trim().split('\n')[0]?.slice(0, 120) ?? ''
  return `${commandLine(call)}: unexpected output ${JSON.stringify(first)}`
}

type Sources<T extends readonly unknown[]> = { readonly [K in keyof T]: (problems: string[]) => Promise<T[K]> }

/**
 * Reads several sources at once, each noting its own problems, and lists those in the sources'
 * order rather than in the order they happened to finish, so a report reads the same every run.
 */
export async function readSources<T extends readonly unknown[]>(
  sources: Sources<T>,
): Promise<{ values: T; problems: string[] }> {
  const lists = sources.map((): string[] => [])
  const values = await Promise.all(sources.map((source, index) => source(lists[index]!)))
  // map() forgets the tuple's element types; the values are in the sources' order.
  return { values: values as unknown as T, problems: lists.flat() }
}
