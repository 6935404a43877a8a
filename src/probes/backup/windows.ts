// Collects the backup facts of a Windows PC: configured paths, File History, OneDrive, Windows Backup, restore points.
import { stat } from 'node:fs/promises'
import { errorCode } from '../../core/fs-errors.js'
import type { ProbeContext } from '../probe.js'
import { BackupSectionSchema, FoldersSectionSchema, windowsSection } from '../windows/windows-facts.js'
import { inspectBackupPath } from './folder-backups.js'
import { borgSecurityDir } from './repositories.js'
import type { BackupFacts } from './schema.js'
import {
  fileHistorySource,
  oneDriveSources,
  restorePointSource,
  windowsBackupSource,
  type TargetState,
} from './sources-windows.js'
import { summarizeBackups } from './sources.js'

/** A File History target on an unreachable share must not hold the probe: after this it is "unknown". */
const TARGET_CHECK_MS = 5_000

export async function collectWindowsBackup(ctx: ProbeContext): Promise<BackupFacts> {
  const { backupPaths } = ctx.settings
  const pathOptions = { signal: ctx.signal, borgSecurityDir: borgSecurityDir(ctx.host) }
  // The configured paths (D:\SaoLuu, E:\, \\NAS01\backup\ketoan) are walked while PowerShell runs.
  const [configured, section, folders] = await Promise.all([
    Promise.all(backupPaths.map((root) => inspectBackupPath(root, pathOptions))),
    windowsSection(ctx, 'backup', BackupSectionSchema),
    // Only a cross-check of OneDrive's folder backup: without it the bit mask alone decides.
    windowsSection(ctx, 'folders', FoldersSectionSchema).catch(() => null),
  ])
  const history = section.fileHistory
  const target = history.ok && history.data.targetUrl ? await targetState(history.data.targetUrl) : 'unknown'
  const counted = [
    ...configured,
    fileHistorySource(history, target),
    windowsBackupSource(section.windowsBackup),
    ...oneDriveSources(section.oneDrive, folders),
  ]
  // Restore points hold system files and settings, not the user's documents: listed, never the newest backup.
  const facts = summarizeBackups(counted, backupPaths.length, ctx.clock.now())
  return { ...facts, sources: [...counted, restorePointSource(section.restorePoints)] }
}

async function targetState(target: string): Promise<TargetState> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<TargetState>((resolve) => {
    timer = setTimeout(() => resolve('unknown'), TARGET_CHECK_MS)
  })
  const checked = stat(target).then(
    (): TargetState => 'present',
    (error: unknown): TargetState => (errorCode(error) === 'ENOENT' ? 'missing' : 'unknown'),
  )
  try {
    return await Promise.race([checked, timeout])
  } finally {
    clearTimeout(timer)
  }
}
