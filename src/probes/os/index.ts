import { defineProbe } from '../probe.js'
import { collectLinuxOs } from './linux.js'
import { collectMacosOs } from './macos.js'
import { OsFactsSchema } from './schema.js'
import { collectWindowsOs } from './windows.js'

export const osProbe = defineProbe({
  id: 'os',
  schema: OsFactsSchema,
  timeoutMs: 5_000,
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxOs, windows: collectWindowsOs, macos: collectMacosOs },
})
