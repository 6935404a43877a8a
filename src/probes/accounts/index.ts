import { defineProbe } from '../probe.js'
import { collectLinuxAccounts } from './linux.js'
import { collectMacosAccounts } from './macos.js'
import { AccountsFactsSchema } from './schema.js'
import { collectWindowsAccounts } from './windows.js'

export const accountsProbe = defineProbe({
  id: 'accounts',
  schema: AccountsFactsSchema,
  timeoutMs: 10_000,
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxAccounts, windows: collectWindowsAccounts, macos: collectMacosAccounts },
})
