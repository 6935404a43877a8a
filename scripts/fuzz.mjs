// Runs the fuzz properties (test/fuzz) with thousands of runs each; HYGIENE_FUZZ_RUNS set by the caller wins.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// vitest's own entry through node, not a shell: the same on Windows, where .cmd shims need one.
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))
const env = { ...process.env, HYGIENE_FUZZ_RUNS: process.env.HYGIENE_FUZZ_RUNS ?? '5000' }
const run = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz', ...process.argv.slice(2)], { stdio: 'inherit', env })
process.exit(run.status ?? 1)
