// A Mac's applications: the app bundles of /Applications and ~/Applications, named and versioned by their Info.plist.
import type { Dirent } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import { isDict, stringAt } from '../macos/plist.js'
import { readPlistFile } from '../macos/plist-file.js'
import type { ProbeContext } from '../probe.js'
import type { SoftwareFacts } from './schema.js'

type Installed = SoftwareFacts['installed'][number]

/**
 * Info.plists are read as files: most apps ship them as XML, read with no process at all; a binary
 * one (Notion.app's, per pd4d10/debugtron#4) costs one `plutil` each, since `plutil -o -` converts
 * one file per call (its usage: "only useful with one file argument"). At most this many at once.
 */
const READS_AT_ONCE = 4
/** Far above an office Mac's few dozen apps; a bound for the probe's time, not a limit in practice. */
const BUNDLES_LIMIT = 1_000

export interface AppBundles {
  installed: Installed[]
  problems: string[]
}

/**
 * The bundles of /Applications and ~/Applications and of their plain subfolders (Utilities, or
 * "Microsoft Office 2011" which holds Word and Excel). The home folder is read under the system
 * root like every absolute path, so tests keep the user's apps in their fake Mac.
 */
export async function readAppBundles(ctx: ProbeContext): Promise<AppBundles> {
  const problems: string[] = []
  const folders = ['/Applications', path.posix.join(ctx.host.homeDir, 'Applications')]
  const bundles: string[] = []
  for (const folder of folders) bundles.push(...(await findBundles(ctx, folder, problems)))
  if (bundles.length > BUNDLES_LIMIT) {
    problems.push(`only the first ${BUNDLES_LIMIT} of ${bundles.length} apps were read`)
  }
  const installed: Installed[] = []
  const unreadable: string[] = []
  let next = 0
  const readNext = async (): Promise<void> => {
    while (next < Math.min(bundles.length, BUNDLES_LIMIT) && !ctx.signal.aborted) {
      const bundle = bundles[next++]!
      const entry = await describeBundle(ctx, bundle)
      if ('reason' in entry) unreadable.push(entry.reason)
      installed.push('reason' in entry ? entry.fallback : entry)
    }
  }
  await Promise.all(Array.from({ length: READS_AT_ONCE }, readNext))
  if (unreadable.length > 0) {
    problems.push(`${unreadable.length} app(s) without a readable Info.plist, e.g. ${unreadable.sort()[0]}`)
  }
  installed.sort((a, b) => a.name.localeCompare(b.name))
  return { installed, problems }
}

/** In listing order, one folder at a time, so the problems read the same every run. */
async function findBundles(ctx: ProbeContext, folder: string, problems: string[], depth = 1): Promise<string[]> {
  const found: string[] = []
  for (const entry of await listFolder(ctx, folder, problems)) {
    const entryPath = path.posix.join(folder, entry.name)
    if (entry.name.endsWith('.app')) found.push(entryPath)
    else if (depth > 0 && entry.isDirectory() && !entry.name.startsWith('.')) {
      found.push(...(await findBundles(ctx, entryPath, problems, depth - 1)))
    }
  }
  return found
}

/** A folder's entries by name; none when it does not exist, and the reason in `problems` when it cannot be read. */
async function listFolder(ctx: ProbeContext, folder: string, problems: string[]): Promise<Dirent[]> {
  try {
    const entries = await readdir(systemPath(ctx.host, folder), { withFileTypes: true })
    return entries.sort((a, b) => (a.name < b.name ? -1 : 1))
  } catch (error) {
    const code = errorCode(error)
    if (code !== 'ENOENT') problems.push(`${folder}: ${code ?? 'unreadable'}`)
    return []
  }
}

/**
 * The name people see (CFBundleDisplayName, else CFBundleName, else the bundle's file name) and the
 * version they see (CFBundleShortVersionString; CFBundleVersion is a build number, e.g. Chrome's).
 * An unreadable Info.plist still lists the app by its file name, without a version.
 */
type BundleRead = Installed | { reason: string; fallback: Installed }

async function describeBundle(ctx: ProbeContext, bundle: string): Promise<BundleRead> {
  const fileName = path.posix.basename(bundle, '.app')
  const read = await readPlistFile(ctx, path.posix.join(bundle, 'Contents', 'Info.plist'))
  const info = read.state === 'ok' && isDict(read.value) ? read.value : null
  if (!info) {
    const reason = read.state === 'ok' ? `${bundle}: Info.plist is not a dictionary` : read.reason
    return { reason, fallback: { name: fileName, version: null, publisher: null, source: 'app-bundle' } }
  }
  return {
    name: stringAt(info, 'CFBundleDisplayName') || stringAt(info, 'CFBundleName') || fileName,
    version: stringAt(info, 'CFBundleShortVersionString') || null,
    publisher: null,
    source: 'app-bundle',
  }
}
