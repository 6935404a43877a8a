/**
 * A probe gathers the typed facts of one area (accounts, backup, ...) on the platforms it supports.
 * Probes never judge: rules do. A probe that throws or runs out of time marks only its own facts
 * as missing, with the reason, and every rule that needs them reports `error`.
 */
import type { z } from 'zod'
import type { Clock } from '../core/clock.js'
import type { Host } from '../core/host.js'
import type { Platform } from '../core/platform.js'
import type { CommandRunner } from '../core/runner.js'

/** What the configuration tells probes (folders to look in, scan bounds). */
export interface ProbeSettings {
  backupPaths: string[]
  downloadsExtraPaths: string[]
  downloadsMaxDepth: number
  downloadsMaxEntries: number
}

export interface ProbeContext {
  host: Host
  run: CommandRunner
  clock: Clock
  settings: ProbeSettings
  /** Aborted when the probe's time is up; long walks check it and stop. */
  signal: AbortSignal
  /** The agent's own cache folder, or null when caching is off (tests, read-only runs). */
  cacheDir: string | null
  /**
   * Work shared by the probes of one run: the first caller of a key starts `produce`, the others
   * await the same promise (on Windows, one PowerShell process gathers the facts of every probe).
   */
  shared: SharedWork
}

export interface SharedWork {
  once<T>(key: string, produce: () => Promise<T>): Promise<T>
}

export function createSharedWork(): SharedWork {
  const started = new Map<string, Promise<unknown>>()
  return {
    once<T>(key: string, produce: () => Promise<T>): Promise<T> {
      let promise = started.get(key)
      if (!promise) {
        promise = produce()
        started.set(key, promise)
      }
      return promise as Promise<T>
    },
  }
}

export interface Probe<T = unknown> {
  /** The first segment of every fact path a rule uses: `accounts.users` belongs to probe `accounts`. */
  id: string
  schema: z.ZodType<T>
  timeoutMs: number
  /** A different limit on some platforms (on Windows, probes wait for the one shared PowerShell run). */
  timeoutMsOn?: Partial<Record<Platform, number>>
  collect: Partial<Record<Platform, (ctx: ProbeContext) => Promise<T>>>
}

/** Declares a probe with its facts type inferred from the schema. */
export function defineProbe<S extends z.ZodType>(probe: Probe<z.infer<S>> & { schema: S }): Probe<z.infer<S>> {
  return probe
}

/** Thrown by a probe when a fact cannot be gathered; the message becomes the rules' error reason. */
export class ProbeFailure extends Error {
  override name = 'ProbeFailure'
}
