// Reads when Déjà Dup last completed a backup, from its GSettings key (platform-reference §2.3).
import type { RunResult } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'
import { anySystemPathExists } from './installed.js'
import type { BackupSource } from './schema.js'
import { datedSource, unavailableSource } from './sources.js'
import { parseIsoDateTime } from './timestamps.js'

const INSTALL_MARKERS = ['/usr/share/glib-2.0/schemas/org.gnome.DejaDup.gschema.xml', '/usr/bin/deja-dup']
const SCHEMA = 'org.gnome.DejaDup'
const KEY = 'last-backup'
const LOCATION = `${SCHEMA} ${KEY}`
const GSETTINGS_TIMEOUT_MS = 3_000
/** gsettings prints a string as GVariant text: single-quoted, `''` when empty. */
const GVARIANT_STRING = /^'([^'\\]*)'$/

/** Déjà Dup's source, or null when Déjà Dup is not installed. */
export async function inspectDejaDup(ctx: ProbeContext): Promise<BackupSource | null> {
  if (!(await anySystemPathExists(ctx.host, INSTALL_MARKERS))) return null
  let result: RunResult
  try {
    result = await ctx.run('gsettings', ['get', SCHEMA, KEY], { timeoutMs: GSETTINGS_TIMEOUT_MS })
  } catch {
    return unavailableSource('deja-dup', LOCATION, 'unreadable')
  }
  const value = result.exitCode === 0 ? GVARIANT_STRING.exec(result.stdout.trim())?.[1] : undefined
  if (value === undefined) return unavailableSource('deja-dup', LOCATION, 'unreadable')
  // The schema's default, '', means Déjà Dup never completed a backup.
  if (value === '') return unavailableSource('deja-dup', LOCATION, 'not-configured')
  // A value without zone is read as UTC: the documented sample ends in `Z` (§2.3, not yet seen on a real machine).
  const lastBackup = parseIsoDateTime(value, 'utc')
  if (!lastBackup) return unavailableSource('deja-dup', LOCATION, 'unreadable')
  return datedSource('deja-dup', LOCATION, lastBackup.getTime(), false)
}
