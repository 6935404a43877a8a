import { defineProbe } from '../probe.js'
import { collectLinuxAntivirus } from './linux.js'
import { collectMacosAntivirus } from './macos.js'
import { AntivirusFactsSchema } from './schema.js'
import { collectWindowsAntivirus } from './windows.js'

export const antivirusProbe = defineProbe({
  id: 'antivirus',
  schema: AntivirusFactsSchema,
  timeoutMs: 15_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxAntivirus, windows: collectWindowsAntivirus, macos: collectMacosAntivirus },
})
