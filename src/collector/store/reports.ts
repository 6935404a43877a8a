/**
 * Stores a report once. The report id is the primary key, so the same report sent twice (a retry,
 * or two collectors receiving it at the same moment) is stored once; the device's latest report
 * and its failed rules move only when a newer report arrives. The device must still be active in
 * the same transaction, so a revocation is never undone by an upload racing it. On SQLite the steps
 * are prepared statements (sqlite-reports.ts), which the ingest thread runs by batches.
 */
import { sql } from 'kysely'
import type { Report } from '../../report/schema.js'
import { sqliteConnectionOf } from '../db/connect.js'
import type { Db } from '../db/schema.js'
import type { Rescored } from '../rescore.js'
import type { DeviceRecord } from './enrollment.js'
import { sqliteReportWriter } from './sqlite-reports.js'

export type IngestOutcome = 'stored' | 'duplicate' | 'revoked'

/** The device a report came from, as its token says. */
export type DeviceRef = Pick<DeviceRecord, 'id' | 'unitCode'>

/** `body` is the report's JSON as received, when there is one; otherwise the parsed report is serialized. */
export async function ingestReport(db: Db, device: DeviceRef, report: Report, rescored: Rescored, now: Date, body = JSON.stringify(report)): Promise<IngestOutcome> {
  const connection = sqliteConnectionOf(db)
  if (connection === undefined) return ingestOnPostgres(db, device, report, rescored, now, body)
  const write = sqliteReportWriter(connection)
  // Kysely's hold on the one connection: no Kysely transaction is open on it meanwhile.
  return db.connection().execute(async () => connection.transaction(() => write({ device, report, rescored, receivedAt: now, body })).immediate())
}

/**
 * The same steps in one statement, so one round trip (in its own transaction) instead of seven. The
 * device row is locked first, as a revocation does: one in progress finishes, then its result is
 * seen. The failed rules are replaced by removing those no longer failing and upserting the others,
 * because the parts of one statement do not see each other's rows.
 */
async function ingestOnPostgres(db: Db, device: DeviceRef, report: Report, rescored: Rescored, now: Date, body: string): Promise<IngestOutcome> {
  const { score, coverage, criticalFailures } = rescored
  const generatedAt = report.generatedAt
  const rules = rescored.failedRules
  const { rows } = await sql<{ active: number; inserted: number }>`
    with active as (
      select id from devices where id = ${device.id} and revoked_at is null for share
    ), inserted as (
      insert into reports (report_id, device_id, unit_code, received_at, generated_at, score, claimed_score, score_mismatch, score_version, coverage, critical_failures, body)
      select ${report.reportId}, id, ${device.unitCode}, ${now.toISOString()}, ${generatedAt}, ${score}::integer, ${report.score.value}::integer,
        ${rescored.mismatch ? 1 : 0}::integer, ${rescored.scoreVersion}::integer, ${coverage}::real, ${criticalFailures}::integer, ${body} from active
      on conflict (report_id) do nothing
      returning device_id
    ), moved as (
      insert into device_latest (device_id, unit_code, report_id, generated_at, score, coverage, critical_failures)
      select device_id, ${device.unitCode}, ${report.reportId}, ${generatedAt}, ${score}::integer, ${coverage}::real, ${criticalFailures}::integer from inserted
      on conflict (device_id) do update set report_id = excluded.report_id, generated_at = excluded.generated_at, score = excluded.score,
        coverage = excluded.coverage, critical_failures = excluded.critical_failures
      where device_latest.generated_at < excluded.generated_at
      returning device_id
    ), cleared as (
      delete from device_failures where device_id in (select device_id from moved) and rule_id <> all(${rules}::text[])
    ), failed as (
      insert into device_failures (device_id, unit_code, rule_id, generated_at)
      select device_id, ${device.unitCode}, rule_id, ${generatedAt} from moved, unnest(${rules}::text[]) as rule_id
      on conflict (device_id, rule_id) do update set generated_at = excluded.generated_at
    )
    select (select count(*) from active)::integer as active, (select count(*) from inserted)::integer as inserted`.execute(db)
  const [outcome] = rows
  if (!outcome?.active) return 'revoked'
  return outcome.inserted ? 'stored' : 'duplicate'
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
