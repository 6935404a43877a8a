// Preloaded in the test processes (vitest.config.ts, execArgv) and inherited by the worker threads
// they start: a thread's entry and imports are the TypeScript sources, run here as built JavaScript.
import { register } from 'node:module'

register(new URL('./thread-loader-hooks.mjs', import.meta.url))
