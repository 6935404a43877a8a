/** The report ingest path of the server: group commit on SQLite, one statement per report on PostgreSQL. */
import type { Report } from '../../report/schema.js'
import { sqliteConnectionOf } from '../db/connect.js'
import type { Db } from '../db/schema.js'
import type { Rescored } from '../rescore.js'
import type { DeviceRecord } from './enrollment.js'
import { sqliteGroupCommit } from './ingest-sqlite.js'
import { ingestReport, type IngestOutcome } from './reports.js'

export interface IngestRequest {
  device: DeviceRecord
  report: Report
  rescored: Rescored
  receivedAt: Date
  /** The report's JSON as received. */
  body: string
  /** The same, as the UTF-8 bytes received, when there are any: SQLite stores them without encoding the text again. */
  bodyBytes?: Buffer
}

export interface ReportWriter {
  /** Resolves once the report is committed (or found stored already, or refused for a revoked device). */
  write(request: IngestRequest): Promise<IngestOutcome>
  close(): Promise<void>
}

export function reportWriter(db: Db): ReportWriter {
  const connection = sqliteConnectionOf(db)
  if (connection) return sqliteGroupCommit(db, connection)
  // PostgreSQL commits concurrent transactions on its pool's connections, and groups their flushes itself.
  return {
    write: ({ device, report, rescored, receivedAt, body }) => ingestReport(db, device, report, rescored, receivedAt, body),
    close: async () => {},
  }
}
