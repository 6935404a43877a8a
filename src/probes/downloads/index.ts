/** The risky-downloads probe: executables, installers, name tricks and internet origins in download folders. */
import { defineProbe } from '../probe.js'
import { collectLinuxDownloads } from './linux.js'
import { collectMacosDownloads } from './macos.js'
import { DownloadsFactsSchema } from './schema.js'
import { collectWindowsDownloads } from './windows.js'

export const downloadsProbe = defineProbe({
  id: 'downloads',
  schema: DownloadsFactsSchema,
  timeoutMs: 30_000,
  timeoutMsOn: { windows: 90_000 },
  collect: { linux: collectLinuxDownloads, windows: collectWindowsDownloads, macos: collectMacosDownloads },
})
