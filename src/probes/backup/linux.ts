// Collects the backup facts of a Linux machine: configured paths, Timeshift and Déjà Dup (platform-reference §2.3).
import type { ProbeContext } from '../probe.js'
import { inspectDejaDup } from './deja-dup.js'
import { inspectBackupPath } from './folder-backups.js'
import { borgSecurityDir } from './repositories.js'
import type { BackupFacts, BackupSource } from './schema.js'
import { summarizeBackups } from './sources.js'
import { inspectTimeshift } from './timeshift.js'

export async function collectLinuxBackup(ctx: ProbeContext): Promise<BackupFacts> {
  const { backupPaths } = ctx.settings
  const pathOptions = { signal: ctx.signal, borgSecurityDir: borgSecurityDir(ctx.host) }
  // Side by side, so a hung network share costs its own 20 s bound once, not once per path.
  const [configured, timeshift, dejaDup] = await Promise.all([
    Promise.all(backupPaths.map((root) => inspectBackupPath(root, pathOptions))),
    inspectTimeshift(ctx.host),
    inspectDejaDup(ctx),
  ])
  const tools = [timeshift, dejaDup].filter((source): source is BackupSource => source !== null)
  return summarizeBackups([...configured, ...tools], backupPaths.length, ctx.clock.now())
}
