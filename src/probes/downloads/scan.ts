/** Walks the download folders once and lists the risky files, newest first, with size, age and origin. */
import { lstat, type Stats } from 'node:fs'
import path from 'node:path'
import { daysBetween } from '../../core/clock.js'
import type { Platform } from '../../core/platform.js'
import { walkFiles, type RootState as WalkRootState } from '../fs-walk.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { classifyName, type NameReason } from './classify.js'
import { planRoots, type CandidateRoot, type DownloadRootKind, type PlannedRoot, type RootState } from './roots.js'
import type { DownloadsFacts, RiskyFile } from './schema.js'

/** At most this many files are listed (the newest); `filesTotal` counts them all. */
export const FILES_LIMIT = 500
/** Enough to keep the libuv pool busy, few enough that a folder of 50,000 DLLs does not queue 50,000 stats. */
const STATS_AT_ONCE = 32

/** What a file's metadata says of where it came from. */
export interface FileOrigin {
  url: string | null
  /** Windows Mark-of-the-Web zone (3 Internet, 4 Restricted); null elsewhere. */
  zoneId: number | null
}

export interface OriginLookup {
  /** False when the platform's origin metadata could not be read (tool missing or failing). */
  checked: boolean
  /** Path → origin, for the files whose metadata says they came from outside (internet, another zone). */
  origins: ReadonlyMap<string, FileOrigin>
}

/** Reads where files came from (user.xdg.origin.url on Linux; Zone.Identifier, quarantine elsewhere). */
export type OriginReader = (ctx: ProbeContext, paths: readonly string[]) => Promise<OriginLookup>

export interface ScanOptions {
  platform: Platform
  readOrigins: OriginReader
}

interface Described {
  file: RiskyFile
  modifiedMs: number
}

interface Found {
  path: string
  reasons: readonly NameReason[]
  /** Index in the plan of the root whose walk found it. */
  walked: number
}

/**
 * Walks `candidates` (see `planRoots` for nested and duplicate folders) within the configured depth
 * and a total entry budget shared by all roots, classifying names only, then looks at the risky
 * files alone: stats them, keeps the newest `FILES_LIMIT`, and asks `readOrigins` about those.
 * A walk stopped by the time limit fails the probe: a partial list must not pass for a clean one.
 */
export async function scanDownloads(
  ctx: ProbeContext,
  candidates: readonly CandidateRoot[],
  options: ScanOptions,
): Promise<DownloadsFacts> {
  const { downloadsMaxDepth: maxDepth, downloadsMaxEntries: maxEntries } = ctx.settings
  const plan = await planRoots(candidates, maxDepth)
  const states = plan.map((root) => root.state)
  const found: Found[] = []
  let entriesScanned = 0
  let depthCapReached = false
  let entryCapReached = false
  for (const [index, root] of plan.entries()) {
    if (root.walkedWith !== null) continue
    const walkOptions = { maxDepth, maxEntries: maxEntries - entriesScanned, signal: ctx.signal }
    const summary = await walkFiles(root.path, walkOptions, (file) => {
      const reasons = classifyName(file.name, options.platform)
      if (reasons.length > 0) found.push({ path: file.path, reasons, walked: index })
    })
    if (summary.interrupted) throw new ProbeFailure(`downloads: the walk of ${root.path} ran out of time`)
    states[index] = stateOf(summary.root)
    entriesScanned += summary.entries
    depthCapReached ||= summary.depthCapReached
    entryCapReached ||= summary.entryCapReached
  }

  // A nested root was never walked on its own: when the walk meant to reach it could not read its
  // root (macOS privacy controls refuse ~/Downloads), the nested one was not scanned either.
  for (const [index, root] of plan.entries()) {
    if (root.walkedWith !== null && states[root.walkedWith] !== 'scanned') states[index] = states[root.walkedWith]!
  }

  const kindOf = rootAttribution(plan)
  const now = ctx.clock.now()
  const described: Described[] = []
  let next = 0
  const describeNext = async (): Promise<void> => {
    while (next < found.length) {
      const item = found[next++]!
      described.push(describe(item, kindOf(item), await lstatOrNull(item.path), now))
    }
  }
  await Promise.all(Array.from({ length: STATS_AT_ONCE }, describeNext))
  described.sort((a, b) => b.modifiedMs - a.modifiedMs || (a.file.path < b.file.path ? -1 : 1))
  const listed = described.slice(0, FILES_LIMIT).map(({ file }) => file)

  const origins = await options.readOrigins(ctx, listed.map((file) => file.path))
  return {
    roots: plan.map((root, index) => ({ path: root.path, kind: root.kind, state: states[index]! })),
    files: listed.map((file) => withOrigin(file, origins.origins.get(file.path))),
    filesTotal: found.length,
    entriesScanned,
    depthCapReached,
    entryCapReached,
    originChecked: origins.checked,
  }
}

/** A file belongs to the deepest root holding it: Telegram Desktop's files are `telegram`, not `downloads`. */
function rootAttribution(plan: readonly PlannedRoot[]): (item: Found) => DownloadRootKind {
  const nestedByWalk = new Map<number, PlannedRoot[]>()
  for (const root of plan) {
    // A second name for the walked folder itself (a symlink) takes no files from the first.
    if (root.walkedWith === null || root.walkPath === plan[root.walkedWith]!.walkPath) continue
    nestedByWalk.set(root.walkedWith, [...(nestedByWalk.get(root.walkedWith) ?? []), root])
  }
  for (const nested of nestedByWalk.values()) nested.sort((a, b) => b.walkPath.length - a.walkPath.length)
  return (item) => {
    const owner = nestedByWalk.get(item.walked)?.find((root) => item.path.startsWith(root.walkPath + path.sep))
    return (owner ?? plan[item.walked]!).kind
  }
}

/**
 * Size and age of a risky file. They stay null when it cannot be stat'ed: gone since the walk, or a
 * name that is not valid UTF-8 (Node reads it with U+FFFD, a path that no longer names the file).
 */
function describe(item: Found, kind: DownloadRootKind, stats: Stats | null, now: Date): Described {
  const modified = stats?.mtime
  return {
    file: {
      path: item.path,
      root: kind,
      reasons: [...item.reasons],
      sizeBytes: stats?.size ?? null,
      modifiedAt: modified?.toISOString() ?? null,
      ageDays: modified ? daysBetween(modified, now) : null,
      originUrl: null,
      zoneId: null,
    },
    modifiedMs: modified?.getTime() ?? Number.NEGATIVE_INFINITY,
  }
}

/** The callback API, cheaper per call than fs/promises on Node 20 (see fs-walk.ts). */
function lstatOrNull(file: string): Promise<Stats | null> {
  return new Promise((resolve) => lstat(file, (error, stats) => resolve(error ? null : stats)))
}

function withOrigin(file: RiskyFile, origin: FileOrigin | undefined): RiskyFile {
  if (origin === undefined) return file
  return { ...file, reasons: [...file.reasons, 'internet-origin'], originUrl: origin.url, zoneId: origin.zoneId }
}

function stateOf(walked: WalkRootState): RootState {
  if (walked === 'ok') return 'scanned'
  return walked === 'unreadable' ? 'unreadable' : 'missing'
}
