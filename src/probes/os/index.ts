import { defineProbe } from '../probe.js'
import { collectLinuxOs } from './linux.js'
import { OsFactsSchema } from './schema.js'

export const osProbe = defineProbe({
  id: 'os',
  schema: OsFactsSchema,
  timeoutMs: 5_000,
  collect: { linux: collectLinuxOs },
})
