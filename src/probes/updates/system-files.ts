// Stamp files, flag files and directory listings the updates probe reads, always under the host's system root.
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { systemPath } from '../../core/host.js'
import type { ProbeContext } from '../probe.js'

export async function mtimeOf(ctx: ProbeContext, absolutePath: string): Promise<Date | null> {
  try {
    return (await stat(systemPath(ctx.host, absolutePath))).mtime
  } catch {
    return null
  }
}

export async function exists(ctx: ProbeContext, absolutePath: string): Promise<boolean> {
  return (await mtimeOf(ctx, absolutePath)) !== null
}

export async function anyExists(ctx: ProbeContext, absolutePaths: readonly string[]): Promise<boolean> {
  const found = await Promise.all(absolutePaths.map((candidate) => exists(ctx, candidate)))
  return found.includes(true)
}

/** Entry names of a directory, sorted; empty when it is missing or unreadable. */
export async function listDir(ctx: ProbeContext, absolutePath: string): Promise<string[]> {
  try {
    return (await readdir(systemPath(ctx.host, absolutePath))).sort()
  } catch {
    return []
  }
}

/** Paths matching a pattern whose segments may hold `*` (never `/`), e.g. `/var/cache/dnf/*.solv`. */
async function expandPattern(ctx: ProbeContext, pattern: string): Promise<string[]> {
  let matches = ['/']
  for (const segment of pattern.split('/').filter(Boolean)) {
    if (!segment.includes('*')) {
      matches = matches.map((parent) => path.posix.join(parent, segment))
      continue
    }
    const matcher = new RegExp(`^${segment.split('*').map(escapeRegExp).join('.*')}$`)
    const listed = await Promise.all(
      matches.map(async (parent) =>
        (await listDir(ctx, parent)).filter((name) => matcher.test(name)).map((name) => path.posix.join(parent, name)),
      ),
    )
    matches = listed.flat()
  }
  return matches
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The latest modification time among the files matching any of the patterns; null when none exists. */
export async function newestMtime(ctx: ProbeContext, patterns: readonly string[]): Promise<Date | null> {
  const paths = (await Promise.all(patterns.map((pattern) => expandPattern(ctx, pattern)))).flat()
  const times = await Promise.all(paths.map((file) => mtimeOf(ctx, file)))
  return times.reduce<Date | null>((newest, time) => (time && (!newest || time > newest) ? time : newest), null)
}
