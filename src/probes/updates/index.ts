// The updates probe: pending (security) updates, package index age and pending reboot.
import { defineProbe } from '../probe.js'
import { collectLinuxUpdates } from './linux.js'
import { collectMacosUpdates } from './macos.js'
import { UpdatesFactsSchema } from './schema.js'
import { collectWindowsUpdates } from './windows.js'

export const updatesProbe = defineProbe({
  id: 'updates',
  schema: UpdatesFactsSchema,
  timeoutMs: 60_000,
  // softwareupdate -l is given 60 s of its own; the plist reads around it need a few more.
  timeoutMsOn: { windows: 70_000, macos: 75_000 },
  collect: { linux: collectLinuxUpdates, windows: collectWindowsUpdates, macos: collectMacosUpdates },
})
