/** What the event loop and the ingest thread (thread.ts) say to each other. */
import type { WalLimits } from '../db/checkpointer.js'
import type { RuleWeight } from '../rescore.js'

export interface IngestThreadData {
  /** The database the server opened, opened again by the thread (never one in memory). */
  dbUrl: string
  rules: Array<[string, RuleWeight]>
  walLimits?: WalLimits
}

/** A report as it arrived: its bytes, from a device whose token the event loop has checked. */
export interface Submission {
  seq: number
  bytes: Uint8Array
  device: { id: string; unitCode: string }
  /** ISO time, from the server's clock. */
  receivedAt: string
}

/** An error as it crosses threads (an Error's own fields, such as a database's `code`, do not). */
export interface ThreadError {
  message: string
  code?: string
}

export type Answer =
  | { seq: number; status: 'stored' | 'duplicate'; reportId: string; score: number; scoreMismatch: boolean }
  | { seq: number; status: 'revoked' }
  /** Not a report the contract accepts: the client's mistake (400). */
  | { seq: number; status: 'refused'; error: 'bad_request' | 'invalid_report'; message: string }
  /** Storing this one report failed, and it alone. */
  | { seq: number; status: 'failed'; error: ThreadError }
  /** The transaction of its batch failed: none of the batch was stored, and each may be sent again. */
  | { seq: number; status: 'batchFailed'; error: ThreadError }

export type ThreadCommand = Submission[] | 'close'

export function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { message: String(error) }
  const { code } = error as Error & { code?: unknown }
  return typeof code === 'string' ? { message: error.message, code } : { message: error.message }
}

/** An error from the thread, with the code the server's error handler reads. */
export function errorFrom({ message, code }: ThreadError): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}
