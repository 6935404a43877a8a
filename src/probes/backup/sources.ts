// Builds backup sources and sums them up into the probe's facts.
import { daysBetween } from '../../core/clock.js'
import { errorCode } from '../../core/fs-errors.js'
import type { BackupFacts, BackupSource } from './schema.js'

type SourceKind = BackupSource['kind']
type UnavailableState = Exclude<BackupSource['state'], 'found' | 'empty'>

/** A place that could be read: `found` with its newest backup time, or `empty` when it holds none. */
export function datedSource(
  kind: SourceKind,
  location: string,
  newestMs: number | null,
  capped: boolean,
): BackupSource {
  return {
    kind,
    location,
    state: newestMs === null ? 'empty' : 'found',
    // stat's float milliseconds carry rounding noise: a file stamped at .113 s reads .112999.
    newestAt: newestMs === null ? null : new Date(Math.round(newestMs)).toISOString(),
    capped,
  }
}

export function unavailableSource(kind: SourceKind, location: string, state: UnavailableState): BackupSource {
  return { kind, location, state, newestAt: null, capped: false }
}

/** Why a place could not be opened: it is not there (a backup disk not plugged in), or it was refused. */
export function stateOfError(error: unknown): 'missing' | 'unreadable' {
  return errorCode(error) === 'ENOENT' ? 'missing' : 'unreadable'
}

export function summarizeBackups(sources: BackupSource[], configuredPaths: number, now: Date): BackupFacts {
  const times = sources.flatMap((source) => (source.newestAt === null ? [] : [Date.parse(source.newestAt)]))
  const newest = times.length > 0 ? new Date(Math.max(...times)) : null
  return {
    sources,
    newestBackupAt: newest?.toISOString() ?? null,
    newestBackupAgeDays: newest ? daysBetween(newest, now) : null,
    configuredPaths,
  }
}
