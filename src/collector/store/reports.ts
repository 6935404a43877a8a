/**
 * Stores a report once. The report id is the primary key, so the same report sent twice (a retry,
 * or two collectors receiving it at the same moment) is stored once; the device's latest report
 * and its failed rules move only when a newer report arrives.
 */
import type { Report } from '../../report/schema.js'
import type { Db } from '../db/schema.js'
import type { Rescored } from '../rescore.js'
import type { DeviceRecord } from './enrollment.js'

export type IngestOutcome = 'stored' | 'duplicate'

/** `body` is the report's JSON as received, when there is one; otherwise the parsed report is serialized. */
export async function ingestReport(db: Db, device: DeviceRecord, report: Report, rescored: Rescored, now: Date, body = JSON.stringify(report)): Promise<IngestOutcome> {
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('reports')
      .values({
        report_id: report.reportId,
        device_id: device.id,
        unit_code: device.unitCode,
        received_at: now.toISOString(),
        generated_at: report.generatedAt,
        score: rescored.score,
        claimed_score: report.score.value,
        score_mismatch: rescored.mismatch ? 1 : 0,
        score_version: rescored.scoreVersion,
        coverage: rescored.coverage,
        critical_failures: rescored.criticalFailures,
        body,
      })
      .onConflict((c) => c.column('report_id').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate'

    const latest = { report_id: report.reportId, generated_at: report.generatedAt, score: rescored.score, coverage: rescored.coverage, critical_failures: rescored.criticalFailures }
    const moved = await tx
      .insertInto('device_latest')
      .values({ device_id: device.id, unit_code: device.unitCode, ...latest })
      .onConflict((c) => c.column('device_id').doUpdateSet(latest).where('device_latest.generated_at', '<', report.generatedAt))
      .executeTakeFirst()
    if (Number(moved.numInsertedOrUpdatedRows ?? 0) > 0) {
      await tx.deleteFrom('device_failures').where('device_id', '=', device.id).execute()
      if (rescored.failedRules.length > 0) {
        await tx
          .insertInto('device_failures')
          .values(rescored.failedRules.map((rule) => ({ device_id: device.id, unit_code: device.unitCode, rule_id: rule, generated_at: report.generatedAt })))
          .execute()
      }
    }
    return 'stored'
  })
}

export const DEFAULT_RETENTION_DAYS = 400

/** Deletes reports older than `days`, except each device's latest, which the units table needs. */
export async function pruneReports(db: Db, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString()
  const deleted = await db
    .deleteFrom('reports')
    .where('generated_at', '<', cutoff)
    .where('report_id', 'not in', db.selectFrom('device_latest').select('report_id'))
    .executeTakeFirst()
  return Number(deleted.numDeletedRows)
}
