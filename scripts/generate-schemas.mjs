// Writes schemas/*.json from the zod schemas (run through `npm run schemas`, after a build).
import { mkdir, writeFile } from 'node:fs/promises'
import { jsonSchemas } from '../dist/report/json-schemas.js'

const dir = new URL('../schemas/', import.meta.url)
await mkdir(dir, { recursive: true })
for (const [name, schema] of Object.entries(jsonSchemas())) {
  await writeFile(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`schemas/${name}`)
}
