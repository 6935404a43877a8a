/**
 * Reports into SQLite with group commit: the reports of a batch are written in one transaction by
 * prepared statements, and each is answered only after that transaction has committed. One commit
 * writes the pages shared by the batch (the unit's totals, the indexes) once instead of once per
 * report. The steps are those of ingestReport (store/reports.ts): the device must still be active,
 * a report id is stored once, the device's latest moves only forward.
 */
import type { Database as SqliteConnection } from 'better-sqlite3'
import { backgroundCheckpointer, type WalLimits } from '../db/checkpointer.js'
import type { IngestOutcome } from '../store/reports.js'
import { threadError, type Answer } from './protocol.js'
import { answerFor, type ReportStore, type StoreItem } from './report-store.js'

export function sqliteBatchStore(connection: SqliteConnection, walLimits?: WalLimits): ReportStore {
  const checkpointer = backgroundCheckpointer(connection, walLimits)
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

  const writeOne = ({ device, receivedAt, decoded: { report, rescored, text, utf8 } }: StoreItem): IngestOutcome => {
    if (active.get(device.id) === undefined) return 'revoked'
    const { reportId, generatedAt } = report
    const { score, coverage, criticalFailures } = rescored
    const inserted = insertReport.run(reportId, device.id, device.unitCode, receivedAt.toISOString(), generatedAt, score, report.score.value,
      rescored.mismatch ? 1 : 0, rescored.scoreVersion, coverage, criticalFailures, utf8 ?? text)
    if (inserted.changes === 0) return 'duplicate'
    if (moveLatest.run(device.id, device.unitCode, reportId, generatedAt, score, coverage, criticalFailures).changes > 0) {
      clearFailures.run(device.id)
      for (const rule of rescored.failedRules) addFailure.run(device.id, device.unitCode, rule, generatedAt)
    }
    return 'stored'
  }

  const writeBatch = (items: StoreItem[]): Answer[] => {
    try {
      begin.run()
      const answers = items.map((item): Answer => {
        savepoint.run()
        try {
          const outcome = writeOne(item)
          release.run()
          return answerFor(item, outcome)
        } catch (error) {
          undo.run()
          release.run()
          return { seq: item.seq, status: 'failed', error: threadError(error) }
        }
      })
      commit.run()
      checkpointer?.committed()
      return answers
    } catch (error) {
      // A failed COMMIT (a deferred constraint, a full disk) can leave the transaction open.
      if (connection.inTransaction) rollback.run()
      const failure = threadError(error)
      return items.map((item) => ({ seq: item.seq, status: 'batchFailed', error: failure }))
    }
  }

  return {
    async write(items) {
      if (items.length === 0) return []
      // Past its limit, the WAL is checkpointed whole before the next transaction, so that it starts over.
      await checkpointer?.settled()
      return writeBatch(items)
    },
    close: async () => checkpointer?.close(),
  }
}
