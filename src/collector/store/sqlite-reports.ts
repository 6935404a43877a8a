/**
 * The steps of storing a report (reports.ts) as prepared statements on a SQLite connection, run
 * inside a transaction the caller holds: by the ingest thread for its batches, by ingestReport for one.
 */
import type { Database as SqliteConnection } from 'better-sqlite3'
import type { Report } from '../../report/schema.js'
import type { Rescored } from '../rescore.js'
import type { DeviceRef, IngestOutcome } from './reports.js'

export interface ReportRow {
  device: DeviceRef
  report: Report
  rescored: Rescored
  receivedAt: Date
  /** The JSON received: as its UTF-8 bytes (stored as the text they spell, not as a blob), or as text. */
  body: Uint8Array | string
}

export type ReportWriter = (row: ReportRow) => IngestOutcome

const writers = new WeakMap<SqliteConnection, ReportWriter>()

/** Prepared once per connection. */
export function sqliteReportWriter(connection: SqliteConnection): ReportWriter {
  const known = writers.get(connection)
  if (known) return known
  const statement = (sql: string) => connection.prepare(sql)
  const active = statement('select 1 from devices where id = ? and revoked_at is null').pluck()
  const insertReport = statement(`insert into reports (report_id, device_id, unit_code, received_at, generated_at, score, claimed_score,
    score_mismatch, score_version, coverage, critical_failures, body) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as text))
    on conflict (report_id) do nothing`)
  const moveLatest = statement(`insert into device_latest (device_id, unit_code, report_id, generated_at, score, coverage, critical_failures)
    values (?, ?, ?, ?, ?, ?, ?) on conflict (device_id) do update set report_id = excluded.report_id, generated_at = excluded.generated_at,
    score = excluded.score, coverage = excluded.coverage, critical_failures = excluded.critical_failures
    where device_latest.generated_at < excluded.generated_at`)
  const clearFailures = statement('delete from device_failures where device_id = ?')
  const addFailure = statement('insert into device_failures (device_id, unit_code, rule_id, generated_at) values (?, ?, ?, ?)')

  const write: ReportWriter = ({ device, report, rescored, receivedAt, body }) => {
    if (active.get(device.id) === undefined) return 'revoked'
    const { reportId, generatedAt } = report
    const { score, coverage, criticalFailures } = rescored
    const inserted = insertReport.run(reportId, device.id, device.unitCode, receivedAt.toISOString(), generatedAt, score, report.score.value,
      rescored.mismatch ? 1 : 0, rescored.scoreVersion, coverage, criticalFailures, body)
    if (inserted.changes === 0) return 'duplicate'
    if (moveLatest.run(device.id, device.unitCode, reportId, generatedAt, score, coverage, criticalFailures).changes > 0) {
      clearFailures.run(device.id)
      for (const rule of rescored.failedRules) addFailure.run(device.id, device.unitCode, rule, generatedAt)
    }
    return 'stored'
  }
  writers.set(connection, write)
  return write
}
