import { defineProbe } from '../probe.js'
import { collectLinuxSharing } from './linux.js'
import { collectMacosSharing } from './macos.js'
import { SharingFactsSchema } from './schema.js'
import { collectWindowsSharing } from './windows.js'

export const sharingProbe = defineProbe({
  id: 'sharing',
  schema: SharingFactsSchema,
  timeoutMs: 10_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxSharing, windows: collectWindowsSharing, macos: collectMacosSharing },
})
