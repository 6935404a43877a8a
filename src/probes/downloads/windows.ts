/** Risky downloads on Windows: the registry's shell folders, Zalo and Telegram, origins from the Mark-of-the-Web. */
import type { ProbeContext } from '../probe.js'
import { FoldersSectionSchema, windowsSection } from '../windows/windows-facts.js'
import { windowsDownloadRoots } from './folders-windows.js'
import { readZoneIdentifiers } from './origin-windows.js'
import { scanDownloads } from './scan.js'
import type { DownloadsFacts } from './schema.js'

export async function collectWindowsDownloads(ctx: ProbeContext): Promise<DownloadsFacts> {
  const folders = await windowsSection(ctx, 'folders', FoldersSectionSchema)
  const roots = windowsDownloadRoots(folders, ctx.settings.downloadsExtraPaths)
  return scanDownloads(ctx, roots, { platform: 'windows', readOrigins: readZoneIdentifiers })
}
