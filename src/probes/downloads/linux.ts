/** Risky downloads on Linux: XDG, Zalo and Telegram folders, origins from extended attributes. */
import type { ProbeContext } from '../probe.js'
import { linuxDownloadRoots } from './folders-linux.js'
import { readLinuxOrigins } from './origin-linux.js'
import { scanDownloads } from './scan.js'
import type { DownloadsFacts } from './schema.js'

export async function collectLinuxDownloads(ctx: ProbeContext): Promise<DownloadsFacts> {
  return scanDownloads(ctx, await linuxDownloadRoots(ctx), { platform: 'linux', readOrigins: readLinuxOrigins })
}
