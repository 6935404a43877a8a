import { defineProbe } from '../probe.js'
import { collectLinuxAccounts } from './linux.js'
import { AccountsFactsSchema } from './schema.js'

export const accountsProbe = defineProbe({
  id: 'accounts',
  schema: AccountsFactsSchema,
  timeoutMs: 10_000,
  collect: { linux: collectLinuxAccounts },
})
