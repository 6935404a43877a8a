// One downloads scan of TREE in a fresh process, timed from the scan's start to its end (bench/run.mjs).
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '../dist/core/clock.js'
import { createProcessRunner } from '../dist/core/runner.js'
import { collectLinuxDownloads } from '../dist/probes/downloads/linux.js'
import { createSharedWork } from '../dist/probes/probe.js'

const tree = process.argv[2]
const home = mkdtempSync(path.join(os.tmpdir(), 'hygiene-bench-home-'))
const ctx = {
  host: { platform: 'linux', systemRoot: '/', homeDir: home, userName: 'bench', hostname: 'bench', arch: process.arch, kernel: os.release(), env: {} },
  run: createProcessRunner(),
  clock: systemClock,
  settings: { backupPaths: [], downloadsExtraPaths: [tree], downloadsMaxDepth: 8, downloadsMaxEntries: 200_000 },
  signal: new AbortController().signal,
  cacheDir: null,
  shared: createSharedWork(),
}
// Module loading is process start-up, not scanning: in a real check other probes have loaded the
// process runner before the scan needs it.
await import('execa')
const started = performance.now()
const facts = await collectLinuxDownloads(ctx)
const ms = performance.now() - started
console.log(JSON.stringify({ ms, files: facts.filesTotal, entries: facts.entriesScanned, maxRssKb: process.resourceUsage().maxRSS }))
