import { defineProbe } from '../probe.js'
import { collectLinuxSoftware } from './linux.js'
import { collectMacosSoftware } from './macos.js'
import { SoftwareFactsSchema } from './schema.js'
import { collectWindowsSoftware } from './windows.js'

export const softwareProbe = defineProbe({
  id: 'software',
  schema: SoftwareFactsSchema,
  timeoutMs: 20_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxSoftware, windows: collectWindowsSoftware, macos: collectMacosSoftware },
})
