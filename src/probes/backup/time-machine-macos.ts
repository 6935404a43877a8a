// Dates the newest Time Machine backup from its preferences and `tmutil latestbackup` (platform reference §2.2).
import { arrayAt, dateAt, isDict, type PlistDict } from '../macos/plist.js'
import { readPlistFile } from '../macos/plist-file.js'
import type { ProbeContext } from '../probe.js'
import type { BackupSource } from './schema.js'
import { datedSource, unavailableSource } from './sources.js'
import { parseIsoDateTime } from './timestamps.js'

/**
 * `Destinations[]` with `SnapshotDates` (the backups on that disk, a Jamf extension attribute reads
 * them) and `ReferenceLocalSnapshotDate` ("last time of backup" in Pareto Security's
 * TimeMachineBackup.swift). Reading it needs Full Disk Access (matryer/xbar-plugins#1830).
 */
export const TIME_MACHINE_PLIST = '/Library/Preferences/com.apple.TimeMachine.plist'
const TMUTIL_TIMEOUT_MS = 10_000
/**
 * The backup folder's name ends in its local start time: `…/Backups.backupdb/Mac/2024-01-15-093012`
 * on HFS+, `…/2024-08-17-001115.backup/2024-08-17-001115.backup` on APFS (Checkmk/checkmk#748).
 */
const BACKUP_NAME = /(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:\.backup)?\/?$/

/**
 * Time Machine's source: `not-configured` when no backup disk was ever chosen, `unreadable` when
 * neither the preferences nor tmutil answer (no Full Disk Access), else the newest backup seen.
 */
export async function inspectTimeMachine(ctx: ProbeContext): Promise<BackupSource> {
  const read = await readPlistFile(ctx, TIME_MACHINE_PLIST)
  if (read.state === 'missing') return unavailableSource('time-machine', TIME_MACHINE_PLIST, 'not-configured')
  const settings = read.state === 'ok' && isDict(read.value) ? read.value : null
  const destinations = arrayAt(settings, 'Destinations').filter(isDict)
  if (settings && destinations.length === 0) {
    return unavailableSource('time-machine', TIME_MACHINE_PLIST, 'not-configured')
  }
  const times = [...destinations.flatMap(destinationTimes), await latestBackupTime(ctx)]
    .filter((time): time is number => time !== null)
  if (times.length > 0) return datedSource('time-machine', TIME_MACHINE_PLIST, Math.max(...times), false)
  return settings
    ? datedSource('time-machine', TIME_MACHINE_PLIST, null, false)
    : unavailableSource('time-machine', TIME_MACHINE_PLIST, 'unreadable')
}

function destinationTimes(destination: PlistDict): Array<number | null> {
  const snapshots = arrayAt(destination, 'SnapshotDates').map((date) => (date instanceof Date ? date.getTime() : null))
  return [...snapshots, dateAt(destination, 'ReferenceLocalSnapshotDate')?.getTime() ?? null]
}

/** The start of the newest completed backup; null when tmutil fails (the disk is not mounted, no Full Disk Access). */
async function latestBackupTime(ctx: ProbeContext): Promise<number | null> {
  const result = await ctx.run('tmutil', ['latestbackup'], { timeoutMs: TMUTIL_TIMEOUT_MS })
  if (result.exitCode !== 0) return null
  return parseLatestBackup(result.stdout)?.getTime() ?? null
}

/** The local time a `tmutil latestbackup` path names, or null when its last line is not a backup path. */
export function parseLatestBackup(stdout: string): Date | null {
  const lastLine = stdout.trim().split('\n').at(-1)?.trim() ?? ''
  const match = BACKUP_NAME.exec(lastLine)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1)
  return parseIsoDateTime(`${year}-${month}-${day}T${hour}:${minute}:${second}`, 'local')
}
