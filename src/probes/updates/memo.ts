// A result memo in the agent's cache folder, keyed by a fingerprint of every file the result was computed from.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { systemPath } from '../../core/host.js'
import type { ProbeContext } from '../probe.js'
import { listDir } from './system-files.js'

export interface MemoInputs {
  /** System files read as a whole (absent ones count too: creating one changes the key). */
  files: readonly string[]
  /** System directories whose every top-level entry is an input. */
  dirs: readonly string[]
  /** Anything else the result depends on (architecture, command line, format version). */
  extra: readonly string[]
}

/**
 * Identity and change marks of every input. Inode and ctime are added to the size and mtime: dpkg and apt replace
 * their files by rename (new inode), and ctime also moves when a tool sets an old mtime back.
 */
export async function inputsKey(ctx: ProbeContext, inputs: MemoInputs): Promise<string> {
  const listed = await Promise.all(
    inputs.dirs.map(async (dir) => [dir, ...(await listDir(ctx, dir)).map((name) => path.posix.join(dir, name))]),
  )
  const marks = await Promise.all(
    [...inputs.files, ...listed.flat()].map(async (input) => {
      try {
        const info = await stat(systemPath(ctx.host, input), { bigint: true })
        return `${input} ${info.ino} ${info.size} ${info.mtimeNs} ${info.ctimeNs}`
      } catch {
        return `${input} absent`
      }
    }),
  )
  return createHash('sha256')
    .update([...inputs.extra, ...marks].join('\n'))
    .digest('hex')
}

function memoFile(cacheDir: string, name: string): string {
  return path.join(cacheDir, `${name}.json`)
}

/** The memoized value when it was stored under the same key; null on a miss or an unreadable memo. */
export async function readMemo<T>(
  cacheDir: string,
  name: string,
  key: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  try {
    const text = await readFile(memoFile(cacheDir, name), 'utf8')
    const stored = z.object({ key: z.string(), value: schema }).parse(JSON.parse(text))
    return stored.key === key ? stored.value : null
  } catch {
    return null
  }
}

/** Stores the value atomically (temp file + rename). A memo that cannot be written costs only time, so errors pass. */
export async function writeMemo(cacheDir: string, name: string, key: string, value: unknown): Promise<void> {
  const target = memoFile(cacheDir, name)
  const temp = `${target}.${process.pid}.${randomUUID()}.tmp`
  try {
    await mkdir(cacheDir, { recursive: true })
    await writeFile(temp, JSON.stringify({ key, value }))
    await rename(temp, target)
  } catch {
    await rm(temp, { force: true }).catch(() => undefined)
  }
}
