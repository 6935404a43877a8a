/** Builds a ProbeContext for tests: fixed clock, fake host rooted in a temp dir, no real commands. */
import { fixedClock } from '../../src/core/clock.js'
import type { Host } from '../../src/core/host.js'
import type { CommandRunner } from '../../src/core/runner.js'
import { createSharedWork, type ProbeContext, type ProbeSettings, type SharedWork } from '../../src/probes/probe.js'
import { noCommands } from './command-stub.js'

/** The day the Linux captures in shared/guide were recorded; fixtures are dated against it. */
export const CAPTURE_DAY = '2026-11-29T12:00:00Z'

export interface TestContextOptions {
  host?: Partial<Host>
  run?: CommandRunner
  now?: string
  settings?: Partial<ProbeSettings>
  cacheDir?: string | null
  signal?: AbortSignal
  shared?: SharedWork
}

export function testHost(overrides: Partial<Host> = {}): Host {
  return {
    platform: 'linux',
    systemRoot: '/nonexistent-system-root',
    homeDir: '/nonexistent-home',
    userName: 'alice',
    hostname: 'pc-test',
    arch: 'x64',
    kernel: '6.1.0-test-amd64',
    env: {},
    ...overrides,
  }
}

export function testContext(options: TestContextOptions = {}): ProbeContext {
  return {
    host: testHost(options.host),
    run: options.run ?? noCommands,
    clock: fixedClock(options.now ?? CAPTURE_DAY),
    settings: {
      backupPaths: [],
      downloadsExtraPaths: [],
      downloadsMaxDepth: 8,
      downloadsMaxEntries: 200_000,
      ...options.settings,
    },
    signal: options.signal ?? new AbortController().signal,
    cacheDir: options.cacheDir ?? null,
    shared: options.shared ?? createSharedWork(),
  }
}
