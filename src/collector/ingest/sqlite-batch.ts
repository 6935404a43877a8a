/**
 * Reports into SQLite with group commit: the reports of a batch are written in one transaction by
 * the prepared statements of store/sqlite-reports.ts, and each is answered only after that
 * transaction has committed. One commit writes the pages shared by the batch (the unit's totals,
 * the indexes) once instead of once per report.
 */
import type { Database as SqliteConnection } from 'better-sqlite3'
import { backgroundCheckpointer, type WalLimits } from '../db/checkpointer.js'
import { sqliteReportWriter } from '../store/sqlite-reports.js'
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
  const write = sqliteReportWriter(connection)

  const writeBatch = (items: StoreItem[]): Answer[] => {
    try {
      begin.run()
      const answers = items.map((item): Answer => {
        savepoint.run()
        try {
          const { device, receivedAt, decoded } = item
          const outcome = write({ device, receivedAt, report: decoded.report, rescored: decoded.rescored, body: decoded.utf8 ?? decoded.text })
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
