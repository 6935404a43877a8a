/**
 * `hygiene scores FILE...`: the units table computed offline from JSON reports (gathered on a USB
 * stick where the network is down). The reports go into an in-memory collector database and the
 * table comes from the same code as the server's, so both always agree.
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { HygieneError } from '../core/errors.js'
import { errorCode } from '../core/fs-errors.js'
import { readReportFile } from '../report/read-report.js'
import type { Report } from '../report/schema.js'
import { openDatabase } from './db/connect.js'
import { rescore, type RuleWeight } from './rescore.js'
import { hashToken } from './secrets.js'
import { ingestReport } from './store/reports.js'
import { unitTable, type UnitRow } from './store/unit-table.js'
import { UNIT_CODE } from './store/units.js'

/** The report files named, with folders expanded to the .json files they hold (not recursively). */
export async function reportFiles(paths: string[]): Promise<string[]> {
  const files: string[] = []
  for (const target of paths) {
    let info
    try {
      info = await stat(target)
    } catch (error) {
      throw new HygieneError(errorCode(error) === 'ENOENT' ? 'file.notFound' : 'file.unreadable', { file: target, kind: 'report' })
    }
    if (!info.isDirectory()) files.push(target)
    else for (const name of (await readdir(target)).filter((n) => n.toLowerCase().endsWith('.json')).sort()) files.push(path.join(target, name))
  }
  return files
}

/** The report's own unit, else the folder it sits in (USB/THCS-01/pc-01.json), else UNKNOWN. */
function unitOf(report: Report, file: string): { code: string; name: string } {
  if (report.unit) return { code: report.unit.code.toUpperCase(), name: report.unit.name ?? report.unit.code }
  const folder = path.basename(path.dirname(path.resolve(file))).toUpperCase()
  return UNIT_CODE.test(folder) ? { code: folder, name: folder } : { code: 'UNKNOWN', name: '?' }
}

export async function offlineScores(files: string[], rules: ReadonlyMap<string, RuleWeight>, now: Date): Promise<UnitRow[]> {
  const { db } = await openDatabase('sqlite::memory:')
  try {
    for (const file of files) {
      const report = await readReportFile(file)
      const unit = unitOf(report, file)
      const stamp = now.toISOString()
      await db.insertInto('units').values({ code: unit.code, name: unit.name, created_at: stamp }).onConflict((c) => c.doNothing()).execute()
      await db
        .insertInto('devices')
        .values({
          id: report.device.id,
          unit_code: unit.code,
          token_hash: hashToken(report.device.id),
          device_key: report.device.id,
          hostname: report.device.hostname,
          os_platform: report.device.os.platform,
          os_name: report.device.os.name,
          enrolled_at: stamp,
          revoked_at: null,
        })
        .onConflict((c) => c.doNothing())
        .execute()
      const device = { id: report.device.id, unitCode: unit.code, hostname: report.device.hostname, revoked: false }
      await ingestReport(db, device, report, rescore(report, rules), now)
    }
    return await unitTable(db, now)
  } finally {
    await db.destroy()
  }
}
