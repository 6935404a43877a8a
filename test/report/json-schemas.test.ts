import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { jsonSchemas } from '../../src/report/json-schemas.js'

describe('shipped JSON Schemas', () => {
  it.each(Object.entries(jsonSchemas()))('schemas/%s matches the zod schema (run `npm run schemas` after changing it)', async (name, schema) => {
    const shipped = JSON.parse(await readFile(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'))
    expect(shipped).toEqual(schema)
  })
})
