import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Worker threads started by the code under test (the collector's ingest thread) run its TypeScript sources.
    execArgv: ['--import', fileURLToPath(new URL('./test/helpers/thread-loader.mjs', import.meta.url))],
  },
})
