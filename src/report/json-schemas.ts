/** The JSON Schemas shipped in schemas/, generated from the zod schemas so they cannot drift. */
import { z } from 'zod'
import { ConfigSchema } from '../config/config.js'
import { FactsSnapshotSchema } from '../probes/snapshot.js'
import { ReportSchema } from './schema.js'

export function jsonSchemas(): Record<string, unknown> {
  const generate = (schema: z.ZodType, title: string) => ({ title, ...z.toJSONSchema(schema, { io: 'input' }) })
  return {
    'report.schema.json': generate(ReportSchema, 'ward-hygiene report'),
    'facts.schema.json': generate(FactsSnapshotSchema, 'ward-hygiene facts snapshot'),
    'config.schema.json': generate(ConfigSchema, 'ward-hygiene agent configuration'),
  }
}
