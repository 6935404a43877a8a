/**
 * Reports that could not be sent wait here, one file each, and go first on the next run. The
 * folder is bounded: beyond 100 reports the oldest are dropped, with a warning. A file is written
 * to a temp name and renamed, so a full disk leaves the spool as it was.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Host } from '../core/host.js'
import { dataDir } from '../core/user-dirs.js'
import { ReportSchema, type Report } from '../report/schema.js'

export const SPOOL_LIMIT = 100

export function spoolDir(host: Host): string {
  return path.join(dataDir(host), 'spool')
}

/** Sorts by time: generatedAt first in the name, then the id. */
function fileName(report: Report): string {
  return `${report.generatedAt.replace(/[:.]/g, '-')}_${report.reportId}.json`
}

export interface Spooled {
  file: string
  report: Report
}

async function writeReportFile(dir: string, report: Report): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const target = path.join(dir, fileName(report))
  const temp = `${target}.${process.pid}.tmp`
  try {
    await writeFile(temp, JSON.stringify(report), { mode: 0o600 })
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return target
}

/** Adds a report; returns the files dropped to stay within the limit. */
export async function spoolReport(host: Host, report: Report): Promise<string[]> {
  const dir = spoolDir(host)
  await writeReportFile(dir, report)
  const files = await spoolFiles(dir)
  const dropped = files.slice(0, Math.max(0, files.length - SPOOL_LIMIT))
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

/** The waiting reports, oldest first. A file that is not a valid report is set aside, not sent. */
export async function spooledReports(host: Host): Promise<Spooled[]> {
  const dir = spoolDir(host)
  const spooled: Spooled[] = []
  for (const name of await spoolFiles(dir)) {
    const file = path.join(dir, name)
    let data: unknown
    try {
      data = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      data = null
    }
    const parsed = ReportSchema.safeParse(data)
    if (parsed.success) spooled.push({ file, report: parsed.data })
    else await setAside(host, file)
  }
  return spooled
}

export async function countSpooled(host: Host): Promise<number> {
  return (await spoolFiles(spoolDir(host))).length
}

export async function removeSpooled(file: string): Promise<void> {
  await rm(file, { force: true })
}

const rejectedDir = (host: Host): string => path.join(spoolDir(host), 'rejected')

/** A report the collector refused for good is kept aside, never deleted: nothing the user made is lost. */
export async function setAside(host: Host, file: string): Promise<string> {
  await mkdir(rejectedDir(host), { recursive: true, mode: 0o700 })
  const target = path.join(rejectedDir(host), path.basename(file))
  await rename(file, target)
  return target
}

export function setAsideReport(host: Host, report: Report): Promise<string> {
  return writeReportFile(rejectedDir(host), report)
}
