/**
 * A report's bytes, as they arrived, to what the collector stores: parsed, checked against the
 * contract, scored again with the collector's own rules. The text stored is the one received
 * (serializing the parsed report again would cost about as much as parsing it).
 */
import { isUtf8 } from 'node:buffer'
import { ReportSchema, type Report } from '../../report/schema.js'
import { describeIssues } from '../issues.js'
import { rescore, type Rescored, type RuleWeight } from '../rescore.js'

export interface DecodedReport {
  report: Report
  rescored: Rescored
  /** The JSON as received. */
  text: string
  /** The same as the bytes received, when they are UTF-8: SQLite stores them as the text they spell, without encoding the text again. */
  utf8?: Uint8Array
}

export interface Refusal {
  error: 'bad_request' | 'invalid_report'
  message: string
}

/** A PC's clock may run ahead; further than this, its report is not dated later than now. */
export const CLOCK_AHEAD_TOLERANCE_MS = 10 * 60_000

export function decodeReport(bytes: Uint8Array, rules: ReadonlyMap<string, RuleWeight>, receivedAt: Date): DecodedReport | Refusal {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  let parsed: unknown
  try {
    parsed = parseJson(text)
  } catch (error) {
    return { error: 'bad_request', message: (error as Error).message }
  }
  const checked = ReportSchema.safeParse(parsed)
  if (!checked.success) return { error: 'invalid_report', message: describeIssues(checked.error.issues) }
  const decoded = { report: notAhead(checked.data, receivedAt), rescored: rescore(checked.data, rules), text }
  // Bytes that are not UTF-8 were replaced in the text validated: then that text is stored.
  return isUtf8(bytes) ? { ...decoded, utf8: bytes } : decoded
}

/**
 * JSON.parse, refusing a "__proto__" key, or a "constructor" key holding a "prototype" (as Fastify's
 * own parser does): copied into another object, such a key would set that object's prototype. Such
 * a key can be spelled only literally or with a \u escape, so a text with neither is not searched.
 */
function parseJson(text: string): unknown {
  const parsed: unknown = JSON.parse(text)
  if (/\\u|"__proto__"|"constructor"/.test(text) && hasPoisonedKey(parsed)) throw new SyntaxError('Object contains forbidden prototype property')
  return parsed
}

function hasPoisonedKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return value.some(hasPoisonedKey)
  if (Object.hasOwn(value, '__proto__')) return true
  const constructor = (value as Record<string, unknown>).constructor
  if (Object.hasOwn(value, 'constructor') && typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')) return true
  return Object.values(value).some(hasPoisonedKey)
}

/**
 * A report dated in the future would stay its device's latest, and count as reporting, until a
 * later-dated one came: it is dated when it was received instead (its stored body keeps the PC's date).
 */
function notAhead(report: Report, receivedAt: Date): Report {
  if (Date.parse(report.generatedAt) <= receivedAt.getTime() + CLOCK_AHEAD_TOLERANCE_MS) return report
  return { ...report, generatedAt: receivedAt.toISOString() }
}
