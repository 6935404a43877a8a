// The backup probe: when the newest backup of this machine was made, and where it was seen.
import { defineProbe } from '../probe.js'
import { collectLinuxBackup } from './linux.js'
import { collectMacosBackup } from './macos.js'
import { BackupFactsSchema } from './schema.js'
import { collectWindowsBackup } from './windows.js'

export const backupProbe = defineProbe({
  id: 'backup',
  schema: BackupFactsSchema,
  timeoutMs: 25_000,
  timeoutMsOn: { windows: 75_000 },
  collect: { linux: collectLinuxBackup, windows: collectWindowsBackup, macos: collectMacosBackup },
})
