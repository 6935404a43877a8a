/**
 * Report ingest on SQLite with group commit: the reports that finish arriving in one turn of the
 * event loop are written in one transaction by prepared statements, and each is answered only
 * after that transaction has committed. One commit writes the pages shared by the batch (the
 * unit's totals, the indexes) once instead of once per report. The steps are those of
 * ingestReport (reports.ts): the device must still be active, a report id is stored once, the
 * device's latest moves only forward.
 */
import type { Database as SqliteConnection } from 'better-sqlite3'
import { backgroundCheckpointer } from '../db/checkpointer.js'
import type { Db } from '../db/schema.js'
import type { IngestRequest, ReportWriter } from './ingest.js'
import type { IngestOutcome } from './reports.js'

/** The batch's transaction failed: none of its reports was stored, and each may be sent again. */
export class BatchFailedError extends Error {
  constructor(cause: unknown) {
    super(`the batch of reports was not stored: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'BatchFailedError'
  }
}

interface Pending {
  request: IngestRequest
  resolve: (outcome: IngestOutcome) => void
  reject: (error: unknown) => void
}

export function sqliteGroupCommit(db: Db, connection: SqliteConnection): ReportWriter {
  const checkpointer = backgroundCheckpointer(connection)
  const statement = (sql: string) => connection.prepare(sql)
  const begin = statement('begin immediate')
  const commit = statement('commit')
  const rollback = statement('rollback')
  // Each report in a savepoint: one that fails is undone alone and its batch goes on.
  const savepoint = statement('savepoint report')
  const release = statement('release report')
  const undo = statement('rollback to report')
  const active = statement('select 1 from devices where id = ? and revoked_at is null').pluck()
  // The body's bytes, when given, are stored as the text they spell (UTF-8), not as a blob.
  const insertReport = statement(`insert into reports (report_id, device_id, unit_code, received_at, generated_at, score, claimed_score,
    score_mismatch, score_version, coverage, critical_failures, body) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as text))
    on conflict (report_id) do nothing`)
  const moveLatest = statement(`insert into device_latest (device_id, unit_code, report_id, generated_at, score, coverage, critical_failures)
    values (?, ?, ?, ?, ?, ?, ?) on conflict (device_id) do update set report_id = excluded.report_id, generated_at = excluded.generated_at,
    score = excluded.score, coverage = excluded.coverage, critical_failures = excluded.critical_failures
    where device_latest.generated_at < excluded.generated_at`)
  const clearFailures = statement('delete from device_failures where device_id = ?')
  const addFailure = statement('insert into device_failures (device_id, unit_code, rule_id, generated_at) values (?, ?, ?, ?)')

  const writeOne = ({ device, report, rescored, receivedAt, body, bodyBytes }: IngestRequest): IngestOutcome => {
    if (active.get(device.id) === undefined) return 'revoked'
    const { reportId, generatedAt } = report
    const { score, coverage, criticalFailures } = rescored
    const inserted = insertReport.run(reportId, device.id, device.unitCode, receivedAt.toISOString(), generatedAt, score, report.score.value,
      rescored.mismatch ? 1 : 0, rescored.scoreVersion, coverage, criticalFailures, bodyBytes ?? body)
    if (inserted.changes === 0) return 'duplicate'
    if (moveLatest.run(device.id, device.unitCode, reportId, generatedAt, score, coverage, criticalFailures).changes > 0) {
      clearFailures.run(device.id)
      for (const rule of rescored.failedRules) addFailure.run(device.id, device.unitCode, rule, generatedAt)
    }
    return 'stored'
  }

  /** Outcomes (or the error of a report that failed alone) once the batch has committed; throws when it has not. */
  const writeBatch = (batch: Pending[]): Array<{ outcome: IngestOutcome } | { error: unknown }> => {
    begin.run()
    try {
      const results = batch.map(({ request }) => {
        savepoint.run()
        try {
          const outcome = writeOne(request)
          release.run()
          return { outcome }
        } catch (error) {
          undo.run()
          release.run()
          return { error }
        }
      })
      commit.run()
      checkpointer?.committed()
      return results
    } catch (error) {
      // A failed COMMIT (a deferred constraint, a full disk) can leave the transaction open.
      if (connection.inTransaction) rollback.run()
      throw error
    }
  }

  let queue: Pending[] = []
  let scheduled = false

  const flush = async (): Promise<void> => {
    // Reports arriving meanwhile join this batch.
    await checkpointer?.settled()
    // Kysely's hold on the one connection: no Kysely transaction (an enrollment) is open meanwhile.
    await db.connection().execute(async () => {
      const batch = queue
      queue = []
      scheduled = false
      try {
        const results = writeBatch(batch)
        results.forEach((result, i) => ('outcome' in result ? batch[i]!.resolve(result.outcome) : batch[i]!.reject(result.error)))
      } catch (error) {
        for (const pending of batch) pending.reject(new BatchFailedError(error))
      }
    })
  }

  const write = (request: IngestRequest) =>
    new Promise<IngestOutcome>((resolve, reject) => {
      queue.push({ request, resolve, reject })
      if (scheduled) return
      scheduled = true
      // After the poll phase: every request whose body completed in this turn joins the batch.
      setImmediate(() => {
        flush().catch((error: unknown) => {
          const batch = queue
          queue = []
          scheduled = false
          for (const pending of batch) pending.reject(new BatchFailedError(error))
        })
      })
    })
  return { write, close: async () => checkpointer?.close() }
}
