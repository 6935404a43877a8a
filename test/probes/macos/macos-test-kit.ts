// Shared pieces of the macOS probe tests: the constructed outputs and a fake Mac as the probes see it.
import { readFile } from 'node:fs/promises'
import type { ProbeContext } from '../../../src/probes/probe.js'
import { testContext, type TestContextOptions } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

/** A file of test/fixtures/macos (see its README for the source of each format). */
export function macFixture(name: string): Promise<string> {
  return readFile(new URL(`../../fixtures/macos/${name}`, import.meta.url), 'utf8')
}

export interface MacOptions extends Omit<TestContextOptions, 'host'> {
  /** System files by absolute path without the leading slash: `Library/Preferences/…`. */
  system?: Record<string, string | TreeFile>
  home?: string
  userName?: string
}

/** A Mac whose system root is a temp tree of `system`; the user is `an` unless told otherwise. */
export async function macContext(options: MacOptions = {}): Promise<ProbeContext & { systemRoot: string }> {
  const { system = {}, home = '/Users/an', userName = 'an', ...rest } = options
  const systemRoot = await tempTree(system)
  const host = { platform: 'macos' as const, systemRoot, homeDir: home, userName, kernel: '24.1.0', arch: 'arm64' }
  return { ...testContext({ ...rest, host }), systemRoot }
}

export const SYSTEM_VERSION = 'System/Library/CoreServices/SystemVersion.plist'
