/** Where the ingest thread stores reports: the interface, and PostgreSQL's (one statement per report); SQLite's is sqlite-batch.ts. */
import type { Db } from '../db/schema.js'
import { ingestReport, type IngestOutcome } from '../store/reports.js'
import type { DecodedReport } from './decode.js'
import { threadError, type Answer } from './protocol.js'

export interface StoreItem {
  seq: number
  device: { id: string; unitCode: string }
  receivedAt: Date
  decoded: DecodedReport
}

export interface ReportStore {
  /** An answer for each, once the batch has committed (or failed). */
  write(items: StoreItem[]): Promise<Answer[]>
  close(): Promise<void>
}

export function answerFor({ seq, decoded: { report, rescored } }: StoreItem, outcome: IngestOutcome): Answer {
  if (outcome === 'revoked') return { seq, status: outcome }
  return { seq, status: outcome, reportId: report.reportId, score: rescored.score, scoreMismatch: rescored.mismatch }
}

/** PostgreSQL commits concurrent transactions on its pool's connections, and groups their flushes itself. */
export function postgresStore(db: Db): ReportStore {
  const writeOne = async (item: StoreItem): Promise<Answer> => {
    const { device, receivedAt, decoded } = item
    try {
      return answerFor(item, await ingestReport(db, device, decoded.report, decoded.rescored, receivedAt, decoded.text))
    } catch (error) {
      return { seq: item.seq, status: 'failed', error: threadError(error) }
    }
  }
  return {
    write: async (items) => Promise.all(items.map(writeOne)),
    close: async () => {},
  }
}
