// The updates probe: pending (security) updates, package index age and pending reboot.
import { defineProbe } from '../probe.js'
import { collectLinuxUpdates } from './linux.js'
import { UpdatesFactsSchema } from './schema.js'

export const updatesProbe = defineProbe({
  id: 'updates',
  schema: UpdatesFactsSchema,
  timeoutMs: 60_000,
  collect: { linux: collectLinuxUpdates },
})
