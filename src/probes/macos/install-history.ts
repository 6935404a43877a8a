// The Mac's install history, read once per run for every probe that dates something by it.
import type { ProbeContext } from '../probe.js'
import { dateAt, isDict, stringAt } from './plist.js'
import { readPlistFile } from './plist-file.js'

/**
 * An array of installs with `date`, `displayName`, `displayVersion` and `processName` (mac_apt and
 * osxripper InstallHistory plugins); what System Information lists under Software › Installations.
 */
export const INSTALL_HISTORY_PLIST = '/Library/Receipts/InstallHistory.plist'

export interface InstallRecord {
  date: Date
  displayName: string
  displayVersion: string | null
  processName: string | null
}

/** The dated installs, or why the history could not be read. */
export function readInstallHistory(ctx: ProbeContext): Promise<InstallRecord[] | { reason: string }> {
  return ctx.shared.once('macos:install-history', async () => {
    const read = await readPlistFile(ctx, INSTALL_HISTORY_PLIST)
    if (read.state !== 'ok') return { reason: read.reason }
    if (!Array.isArray(read.value)) return { reason: `${INSTALL_HISTORY_PLIST}: not an array of installs` }
    return read.value.filter(isDict).flatMap((entry) => {
      const date = dateAt(entry, 'date')
      const displayName = stringAt(entry, 'displayName')
      if (!date || displayName === null) return []
      const record: InstallRecord = {
        date,
        displayName,
        displayVersion: stringAt(entry, 'displayVersion'),
        processName: stringAt(entry, 'processName'),
      }
      return [record]
    })
  })
}
