/**
 * What could not be sent waits here, one file each, and goes first on the next run: reports in
 * `spool/`, incident reports in `spool/incidents/`. Reports are bounded: beyond 100 files the
 * oldest are dropped, with a warning; incident reports are never dropped. A file is written to a temp name and renamed, so a full disk
 * leaves the spool as it was.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { z } from 'zod'
import { writeFileAtomic, type AtomicFs } from '../core/atomic-file.js'
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'
import type { Host } from '../core/host.js'
import { dataDir } from '../core/user-dirs.js'
import { ReportSchema, type Report } from '../report/schema.js'

export const SPOOL_LIMIT = 100

export function spoolDir(host: Host): string {
  return path.join(dataDir(host), 'spool')
}

/** One kind of thing that waits: its folder, its schema, and a file name that sorts by time. */
export interface SpoolKind<T> {
  dir(host: Host): string
  schema: z.ZodType<T>
  fileName(item: T): string
  /** Beyond this many files the oldest are dropped; none for what must never be lost. */
  limit: number | null
}

/** An ISO time usable in a file name on every platform. */
export const timeStamp = (iso: string): string => iso.replace(/[:.]/g, '-')

export const reportSpool: SpoolKind<Report> = {
  dir: spoolDir,
  schema: ReportSchema,
  fileName: (report) => `${timeStamp(report.generatedAt)}_${report.reportId}.json`,
  limit: SPOOL_LIMIT,
}

export interface SpooledItem<T> {
  file: string
  item: T
}

export interface Spooled {
  file: string
  report: Report
}

async function writeItemFile<T>(dir: string, kind: SpoolKind<T>, item: T, fs?: AtomicFs): Promise<string> {
  const target = path.join(dir, kind.fileName(item))
  await writeFileAtomic(target, JSON.stringify(item), undefined, fs)
  return target
}

/**
 * Adds an item; returns the files dropped to stay within the limit. When it cannot be written (a
 * full disk), the files already waiting are left as they were and the error says so: it is the
 * machine's state, not a bug.
 */
export async function addToSpool<T>(host: Host, kind: SpoolKind<T>, item: T, fs?: AtomicFs): Promise<string[]> {
  const dir = kind.dir(host)
  try {
    await writeItemFile(dir, kind, item, fs)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new HygieneError('upload.spoolWriteFailed', { dir, reason }, ExitCode.CouldNotComplete)
  }
  if (kind.limit === null) return []
  const files = await spoolFiles(dir)
  const dropped = files.slice(0, Math.max(0, files.length - kind.limit))
  await Promise.all(dropped.map((file) => rm(path.join(dir, file), { force: true })))
  return dropped
}

async function spoolFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json')).sort()
  } catch {
    return []
  }
}

/** The waiting items, oldest first. A file that does not validate is set aside, not sent. */
export async function spooledItems<T>(host: Host, kind: SpoolKind<T>): Promise<Array<SpooledItem<T>>> {
  const dir = kind.dir(host)
  const spooled: Array<SpooledItem<T>> = []
  for (const name of await spoolFiles(dir)) {
    const file = path.join(dir, name)
    let data: unknown
    try {
      data = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      data = null
    }
    const parsed = kind.schema.safeParse(data)
    if (parsed.success) spooled.push({ file, item: parsed.data })
    else await setAside(file)
  }
  return spooled
}

export async function countInSpool<T>(host: Host, kind: SpoolKind<T>): Promise<number> {
  return (await spoolFiles(kind.dir(host))).length
}

export function spoolReport(host: Host, report: Report): Promise<string[]> {
  return addToSpool(host, reportSpool, report)
}

/** The waiting reports, oldest first. */
export async function spooledReports(host: Host): Promise<Spooled[]> {
  return (await spooledItems(host, reportSpool)).map(({ file, item }) => ({ file, report: item }))
}

export function countSpooled(host: Host): Promise<number> {
  return countInSpool(host, reportSpool)
}

export async function removeSpooled(file: string): Promise<void> {
  await rm(file, { force: true })
}

const rejectedDir = (folder: string): string => path.join(folder, 'rejected')

/** A file the collector refused for good is kept aside in `rejected/` beside it, never deleted: nothing the user made is lost. */
export async function setAside(file: string): Promise<string> {
  const dir = rejectedDir(path.dirname(file))
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const target = path.join(dir, path.basename(file))
  await rename(file, target)
  return target
}

export function setAsideReport(host: Host, report: Report): Promise<string> {
  return writeItemFile(rejectedDir(spoolDir(host)), reportSpool, report)
}
