// Windows backup sources from the PowerShell run: File History, OneDrive folder backup, Windows Backup, restore points.
import path from 'node:path'
import { newestTime } from '../windows/dates.js'
import type { FileHistory, FoldersSection, OneDriveAccount, Part } from '../windows/windows-facts.js'
import type { BackupSource } from './schema.js'
import { datedSource, unavailableSource } from './sources.js'

/** Whether File History's target drive or share is there now: stat'ed by the agent, `unknown` when it hung. */
export type TargetState = 'present' | 'missing' | 'unknown'

/**
 * File History (platform-reference §2.1.1). ProtectedUpToTime is "the last time the machine backed up data",
 * but it is reported zeroed between hourly cycles, so the catalog, rewritten by every protection cycle,
 * dates the last run too. The catalog is also rewritten while the target is unplugged (files then wait in
 * a local cache), so it only counts when the target is there now. A disk that is away with no protected
 * time at all is `missing`.
 */
export function fileHistorySource(part: Part<FileHistory>, target: TargetState): BackupSource {
  if (!part.ok) return unavailableSource('file-history', 'File History', 'unreadable')
  const history = part.data
  const location = history.targetUrl ?? history.configFolder
  if (!history.configured || history.status !== 'ENABLED') {
    return unavailableSource('file-history', location, 'not-configured')
  }
  const times = [history.protectedUpTo, target === 'present' ? history.catalogWrittenAt : null]
  const newest = newestTime(times)
  if (newest === null && target === 'missing') return unavailableSource('file-history', location, 'missing')
  return datedSource('file-history', location, newest, false)
}

/** Known Folder Move bits of KfmFoldersProtectedNow: 512 Desktop, 1024 Documents (§2.1.4, UNVERIFIED). */
const KFM_DESKTOP_OR_DOCUMENTS = 512 | 1024

/**
 * OneDrive folder backup of each signed-in account. It counts when Known Folder Move protects the Desktop or
 * Documents, by its bit mask or, since that mask is not documented, by those folders lying inside the
 * account's OneDrive folder (§2.1.4). Sync runs continuously; the account's last upload
 * (LastDAUEventTimestamp_Upload, Unix seconds, meaning read from its name only) dates it.
 */
export function oneDriveSources(
  part: Part<{ accounts: OneDriveAccount[] }>,
  folders: FoldersSection | null,
): BackupSource[] {
  if (!part.ok) return [unavailableSource('onedrive', 'OneDrive', 'unreadable')]
  return part.data.accounts.flatMap((account) => {
    const root = account.userFolder
    if (!root) return []
    const redirected = [folders?.desktop, folders?.documents].some((folder) => folder && isInside(folder, root))
    const protectedByMask = ((account.kfmFoldersProtectedNow ?? 0) & KFM_DESKTOP_OR_DOCUMENTS) !== 0
    if (!protectedByMask && !redirected) return [unavailableSource('onedrive', root, 'not-configured')]
    const uploaded = account.lastUploadUnixSeconds ? account.lastUploadUnixSeconds * 1000 : null
    return [datedSource('onedrive', root, uploaded, false)]
  })
}

/** Windows Backup or a system image: the newest "backup completed" event, or none ever (§2.1.2). */
export function windowsBackupSource(part: Part<{ lastSuccess: Date | null }>): BackupSource {
  const location = 'Microsoft-Windows-Backup event log'
  if (!part.ok) return unavailableSource('windows-backup', location, 'unreadable')
  const { lastSuccess } = part.data
  if (!lastSuccess) return unavailableSource('windows-backup', location, 'not-configured')
  return datedSource('windows-backup', location, lastSuccess.getTime(), false)
}

/** System Restore points; reading them needs administrator rights (§2.1.3). */
export function restorePointSource(part: Part<{ creationTimes: Date[] }>): BackupSource {
  const location = 'System Restore (root/default SystemRestore)'
  if (!part.ok) return unavailableSource('system-restore', location, 'unreadable')
  return datedSource('system-restore', location, newestTime(part.data.creationTimes), false)
}

/** Windows paths compare without regard to case. */
function isInside(folder: string, root: string): boolean {
  const relative = path.win32.relative(root.toLowerCase(), folder.toLowerCase())
  return relative !== '' && !relative.startsWith('..') && !path.win32.isAbsolute(relative)
}
