// Collects the backup facts of a Mac: the configured backup paths and Time Machine (platform reference §2.2).
import type { ProbeContext } from '../probe.js'
import { inspectBackupPath } from './folder-backups.js'
import { borgSecurityDir } from './repositories.js'
import type { BackupFacts } from './schema.js'
import { summarizeBackups } from './sources.js'
import { inspectTimeMachine } from './time-machine-macos.js'

export async function collectMacosBackup(ctx: ProbeContext): Promise<BackupFacts> {
  const { backupPaths } = ctx.settings
  const pathOptions = { signal: ctx.signal, borgSecurityDir: borgSecurityDir(ctx.host) }
  const [configured, timeMachine] = await Promise.all([
    Promise.all(backupPaths.map((root) => inspectBackupPath(root, pathOptions))),
    inspectTimeMachine(ctx),
  ])
  return summarizeBackups([...configured, timeMachine], backupPaths.length, ctx.clock.now())
}
