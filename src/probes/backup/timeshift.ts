// Dates the newest Timeshift snapshot from its configuration and snapshot folder names (platform-reference §2.3).
import { readdir, readFile } from 'node:fs/promises'
import { z } from 'zod'
import { systemPath, type Host } from '../../core/host.js'
import { anySystemPathExists } from './installed.js'
import type { BackupSource } from './schema.js'
import { datedSource, stateOfError, unavailableSource } from './sources.js'
import { parseIsoDateTime } from './timestamps.js'

/** Current location first; older Timeshift releases kept it at /etc/timeshift.json (§2.3). */
const CONFIG_PATHS = ['/etc/timeshift/timeshift.json', '/etc/timeshift.json'] as const
const BINARY = '/usr/bin/timeshift'
const RSYNC_SNAPSHOTS = '/timeshift/snapshots'
const BTRFS_SNAPSHOTS = '/timeshift-btrfs/snapshots'
/** Snapshot folders are named with `%Y-%m-%d_%H-%M-%S` in local time (strings in /usr/bin/timeshift). */
const SNAPSHOT_NAME = /^(\d{4}-\d{2}-\d{2})_(\d{2})-(\d{2})-(\d{2})$/

/** Timeshift writes booleans and numbers as strings ("true"); a hand-edited file may hold real ones. */
const TimeshiftConfigSchema = z.object({
  backup_device_uuid: z.string().optional(),
  btrfs_mode: z.union([z.string(), z.boolean()]).optional(),
})

/** Timeshift's source, or null when Timeshift is not installed. */
export async function inspectTimeshift(host: Host): Promise<BackupSource | null> {
  const config = await readConfig(host)
  if (config === null) {
    const installed = await anySystemPathExists(host, [BINARY])
    return installed ? unavailableSource('timeshift', CONFIG_PATHS[0], 'not-configured') : null
  }
  if ('state' in config) return unavailableSource('timeshift', config.path, config.state)
  const settings = parseConfig(config.text)
  if (!settings) return unavailableSource('timeshift', config.path, 'unreadable')
  if (!settings.backup_device_uuid) return unavailableSource('timeshift', config.path, 'not-configured')
  const snapshots = String(settings.btrfs_mode) === 'true' ? BTRFS_SNAPSHOTS : RSYNC_SNAPSHOTS
  try {
    const entries = await readdir(systemPath(host, snapshots), { withFileTypes: true })
    const times = entries.flatMap((entry) => {
      const time = entry.isDirectory() ? snapshotTime(entry.name) : null
      return time === null ? [] : [time.getTime()]
    })
    return datedSource('timeshift', snapshots, times.length > 0 ? Math.max(...times) : null, false)
  } catch (error) {
    // The backup device is mounted only while Timeshift runs, and often readable by root alone.
    return unavailableSource('timeshift', config.path, stateOfError(error))
  }
}

/** The local time a snapshot folder name stands for, or null when the name is not a snapshot's. */
export function snapshotTime(name: string): Date | null {
  const match = SNAPSHOT_NAME.exec(name)
  return match ? parseIsoDateTime(`${match[1]}T${match[2]}:${match[3]}:${match[4]}`, 'local') : null
}

type ConfigRead = { path: string; text: string } | { path: string; state: 'unreadable' } | null

async function readConfig(host: Host): Promise<ConfigRead> {
  for (const configPath of CONFIG_PATHS) {
    try {
      return { path: configPath, text: await readFile(systemPath(host, configPath), 'utf8') }
    } catch (error) {
      if (stateOfError(error) === 'unreadable') return { path: configPath, state: 'unreadable' }
    }
  }
  return null
}

function parseConfig(text: string): z.infer<typeof TimeshiftConfigSchema> | null {
  try {
    const parsed = TimeshiftConfigSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
