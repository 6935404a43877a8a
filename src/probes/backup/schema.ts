import { z } from 'zod'

export const BACKUP_SOURCE_KINDS = [
  'folder',
  'timeshift',
  'deja-dup',
  'restic',
  'borg',
  'file-history',
  'windows-backup',
  'system-restore',
  'onedrive',
  'time-machine',
] as const

export const BackupSourceSchema = z.object({
  kind: z.enum(BACKUP_SOURCE_KINDS),
  /** The folder, repository or settings key looked at. */
  location: z.string(),
  /**
   * found: backups seen; empty: the place exists but holds no backup; missing: it does not exist
   * (a backup disk not plugged in); unreadable: permission denied; not-configured: the tool is
   * installed but never set up.
   */
  state: z.enum(['found', 'empty', 'missing', 'unreadable', 'not-configured']),
  /** Newest backup time seen in this source (ISO 8601), null when none. */
  newestAt: z.string().nullable(),
  /** The walk stopped at its depth, entry or time bound before seeing everything. */
  capped: z.boolean(),
})
export type BackupSource = z.infer<typeof BackupSourceSchema>

export const BackupFactsSchema = z.object({
  sources: z.array(BackupSourceSchema),
  /** Newest backup over every source (ISO 8601), null when none was found. */
  newestBackupAt: z.string().nullable(),
  newestBackupAgeDays: z.number().int().nullable(),
  /** How many folders the configuration lists in backup.paths. */
  configuredPaths: z.number().int(),
})
export type BackupFacts = z.infer<typeof BackupFactsSchema>
