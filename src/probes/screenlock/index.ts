import { defineProbe } from '../probe.js'
import { collectLinuxScreenLock } from './linux.js'
import { collectMacosScreenLock } from './macos.js'
import { ScreenLockFactsSchema } from './schema.js'
import { collectWindowsScreenLock } from './windows.js'

export const screenlockProbe = defineProbe({
  id: 'screenlock',
  schema: ScreenLockFactsSchema,
  timeoutMs: 10_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxScreenLock, windows: collectWindowsScreenLock, macos: collectMacosScreenLock },
})
