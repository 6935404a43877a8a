import { defineProbe } from '../probe.js'
import { collectLinuxAutorun } from './linux.js'
import { collectMacosAutorun } from './macos.js'
import { AutorunFactsSchema } from './schema.js'
import { collectWindowsAutorun } from './windows.js'

export const autorunProbe = defineProbe({
  id: 'autorun',
  schema: AutorunFactsSchema,
  timeoutMs: 5_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxAutorun, windows: collectWindowsAutorun, macos: collectMacosAutorun },
})
