/** Opens a file with the desktop's default application (the HTML report in the browser). */
import type { CommandRunner } from '../core/runner.js'
import type { Platform } from '../core/platform.js'

/** explorer.exe hands the file to its default program and returns; it exits 1 even when it succeeds. */
const OPENERS: Record<Platform, string> = { windows: 'explorer.exe', macos: '/usr/bin/open', linux: 'xdg-open' }
const OPEN_TIMEOUT_MS = 10_000

export async function openFile(run: CommandRunner, platform: Platform, file: string): Promise<boolean> {
  const result = await run(OPENERS[platform], [file], { timeoutMs: OPEN_TIMEOUT_MS })
  if (result.notFound || result.timedOut) return false
  return platform === 'windows' || result.exitCode === 0
}
