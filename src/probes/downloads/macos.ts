/** Risky downloads on a Mac: Downloads, Desktop, Zalo and Telegram folders, origins from the quarantine mark. */
import path from 'node:path'
import type { ProbeContext } from '../probe.js'
import { readQuarantineOrigins } from './quarantine-macos.js'
import type { CandidateRoot } from './roots.js'
import { scanDownloads } from './scan.js'
import type { DownloadsFacts } from './schema.js'

/**
 * The folders keep their English names on disk whatever the language; only Finder translates them
 * (platform reference §4.1). Without Full Disk Access, macOS may refuse to list ~/Downloads or
 * ~/Desktop (EPERM): the walk reports that root `unreadable`.
 */
function macosDownloadRoots(ctx: ProbeContext): CandidateRoot[] {
  const home = ctx.host.homeDir
  return [
    { path: path.join(home, 'Downloads'), kind: 'downloads' },
    { path: path.join(home, 'Desktop'), kind: 'desktop' },
    { path: path.join(home, 'Documents', 'Zalo Received Files'), kind: 'zalo' },
    { path: path.join(home, 'Downloads', 'Telegram Desktop'), kind: 'telegram' },
    // `~/x` and `x` are both read below the home folder.
    ...ctx.settings.downloadsExtraPaths.map((extra) => ({
      path: path.resolve(home, extra.replace(/^~(?=$|\/)/, '.')),
      kind: 'extra' as const,
    })),
  ]
}

export async function collectMacosDownloads(ctx: ProbeContext): Promise<DownloadsFacts> {
  return scanDownloads(ctx, macosDownloadRoots(ctx), { platform: 'macos', readOrigins: readQuarantineOrigins })
}
