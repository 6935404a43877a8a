// The newest timestamp over a list of files, stat'ed a bounded number at a time without following links.
import type { Stats } from 'node:fs'
import { lstat } from 'node:fs/promises'

export interface ScanLimits {
  signal: AbortSignal
  /** Epoch milliseconds after which no more files are stat'ed. */
  deadline: number
}

export interface NewestTime {
  /** Epoch milliseconds, null when no file could be dated. */
  newestMs: number | null
  /** Stopped by the deadline or the abort signal before every file was stat'ed. */
  interrupted: boolean
}

/** Enough parallel stats to hide a network share's latency, few enough to leave libuv's thread pool usable. */
const CONCURRENT_STATS = 32

export async function newestFileTime(
  files: readonly string[],
  timeOf: (stats: Stats) => number,
  limits: ScanLimits,
): Promise<NewestTime> {
  const result: NewestTime = { newestMs: null, interrupted: false }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      if (limits.signal.aborted || Date.now() > limits.deadline) {
        result.interrupted = true
        return
      }
      const file = files[next++]!
      try {
        const stats = await lstat(file)
        if (stats.isFile()) result.newestMs = Math.max(result.newestMs ?? -Infinity, timeOf(stats))
      } catch {
        // vanished since it was listed, or refused: this file cannot be dated, the others still can
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_STATS, files.length) }, worker))
  return result
}
