// Dates the newest backup under each configured backup path, on every platform (platform-reference §2.1.5).
import type { Stats } from 'node:fs'
import { walkFiles } from '../fs-walk.js'
import { newestFileTime, type ScanLimits } from './file-times.js'
import { inspectRepository } from './repositories.js'
import type { BackupSource } from './schema.js'
import { datedSource, unavailableSource } from './sources.js'

/** Bounds of the walk of one configured path; a hung network share must not stall the run (§2.1.5, §0.6). */
const FOLDER_WALK_BOUNDS = { maxDepth: 6, maxEntries: 50_000, timeMs: 20_000 } as const

export interface BackupPathOptions {
  signal: AbortSignal
  /** borg's security dir of the user running the agent (see `borgSecurityDir`). */
  borgSecurityDir: string
}

/** A configured path is a restic or borg repository, or else a plain folder of copies. */
export async function inspectBackupPath(root: string, options: BackupPathOptions): Promise<BackupSource> {
  const limits: ScanLimits = { signal: options.signal, deadline: Date.now() + FOLDER_WALK_BOUNDS.timeMs }
  return (await inspectRepository(root, options.borgSecurityDir, limits)) ?? inspectBackupFolder(root, limits)
}

/**
 * When a file was backed up: copy tools keep the source's mtime, but the copy's birth time is the copy
 * time (§2.1.5, captured with `cp -p`). A birth time of 0 means the file system does not record it.
 */
export function fileBackupTime(stats: Pick<Stats, 'mtimeMs' | 'birthtimeMs'>): number {
  return stats.birthtimeMs > 0 ? Math.max(stats.mtimeMs, stats.birthtimeMs) : stats.mtimeMs
}

async function inspectBackupFolder(root: string, limits: ScanLimits): Promise<BackupSource> {
  const files: string[] = []
  const walk = await walkFiles(
    root,
    { maxDepth: FOLDER_WALK_BOUNDS.maxDepth, maxEntries: FOLDER_WALK_BOUNDS.maxEntries, ...limits },
    (file) => {
      files.push(file.path)
    },
  )
  if (walk.root === 'missing' || walk.root === 'unreadable') return unavailableSource('folder', root, walk.root)
  // A configured path may name one archive file that is replaced at each backup.
  if (walk.root === 'not-a-directory') files.push(root)
  const newest = await newestFileTime(files, fileBackupTime, limits)
  const capped = walk.depthCapReached || walk.entryCapReached || walk.interrupted || newest.interrupted
  return datedSource('folder', root, newest.newestMs, capped)
}
