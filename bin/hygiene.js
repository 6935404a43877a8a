#!/usr/bin/env node
// Entry point of the `hygiene` command: the compiled program lives in dist/ (built by `npm install`).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('hygiene: the program is not built yet; run `npm install` (or `npm run build`) in its folder.\n')
  process.exit(3)
}
const { main } = await import(entry.href)
process.exitCode = await main(process.argv.slice(2))
