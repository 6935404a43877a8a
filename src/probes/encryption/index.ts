import { defineProbe } from '../probe.js'
import { collectLinuxEncryption } from './linux.js'
import { collectMacosEncryption } from './macos.js'
import { EncryptionFactsSchema } from './schema.js'
import { collectWindowsEncryption } from './windows.js'

export const encryptionProbe = defineProbe({
  id: 'encryption',
  schema: EncryptionFactsSchema,
  timeoutMs: 10_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxEncryption, windows: collectWindowsEncryption, macos: collectMacosEncryption },
})
