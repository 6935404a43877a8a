/**
 * The one way the agent starts a process. Probes receive a CommandRunner; tests pass a stub that
 * answers with recorded outputs, so no test reaches the real machine by accident.
 */
export interface RunOptions {
  /** Hard limit; the process is killed when it is reached. */
  timeoutMs?: number
  /** Extra environment, merged over the agent's own. */
  env?: Record<string, string>
  /** Output beyond this many bytes kills the process and marks the result. */
  maxOutputBytes?: number
  /** Text written to the process's standard input (`crontab -`); without it stdin is closed. */
  input?: string
}

export interface RunResult {
  /** null when the process did not exit on its own (not found, killed, timed out). */
  exitCode: number | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** The executable does not exist on this machine. */
  notFound: boolean
  outputCapped: boolean
}

export type CommandRunner = (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>

export const DEFAULT_TIMEOUT_MS = 15_000
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024

/**
 * Linux and macOS tools print localized text (a Vietnamese desktop gets Vietnamese `chage` labels),
 * so every process runs with the C locale; probes never parse translated words.
 */
const NEUTRAL_LOCALE = { LC_ALL: 'C', LANG: 'C', LANGUAGE: '' }

export function createProcessRunner(): CommandRunner {
  return async (command, args, options = {}) => {
    const { execa } = await import('execa')
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const subprocess = execa(command, args, {
      timeout: timeoutMs,
      maxBuffer: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      env: { ...NEUTRAL_LOCALE, ...options.env },
      extendEnv: true,
      reject: false,
      ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
      stripFinalNewline: false,
      windowsHide: true,
      killSignal: 'SIGKILL',
    })
    // A command is often a script whose own children inherit its output pipes (`sleep` in a shell
    // script, apt's download methods): killing the command leaves the pipes open, and the run would
    // wait for those children past its time limit. At the limit our ends of the pipes are closed too.
    const cutOff = setTimeout(() => {
      subprocess.stdout?.destroy()
      subprocess.stderr?.destroy()
    }, timeoutMs)
    const result = await subprocess
    clearTimeout(cutOff)
    const notFound = result.code === 'ENOENT' || (result.failed && /ENOENT/.test(result.message ?? ''))
    return {
      exitCode: typeof result.exitCode === 'number' ? result.exitCode : null,
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
      stderr: typeof result.stderr === 'string' ? result.stderr : '',
      timedOut: result.timedOut === true,
      notFound,
      outputCapped: result.isMaxBuffer === true,
    }
  }
}

/** A one-line description of why a command did not give a usable answer, for error reasons. */
export function describeFailure(command: string, result: RunResult): string {
  if (result.notFound) return `${command}: command not found`
  if (result.timedOut) return `${command}: timed out`
  if (result.outputCapped) return `${command}: output too large, stopped`
  const detail = result.stderr.trim().split('\n').slice(-1)[0] ?? ''
  return `${command}: exit code ${result.exitCode ?? 'none'}${detail ? ` (${detail.slice(0, 200)})` : ''}`
}
