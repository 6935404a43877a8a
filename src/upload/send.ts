/**
 * Sends one report (or an incident report) to the collector, retrying what may pass on a second
 * try: network errors, timeouts, 429 and 5xx, with exponential backoff and full jitter, honouring
 * Retry-After. A 4xx is never retried: the answer will not change. The body keeps its id on every
 * try, so the collector counts it once however many tries reach it.
 */
import type { Report } from '../report/schema.js'
import { jsonObject } from './json-body.js'
import { TransportError, type Transport } from './transport.js'

export interface SendOptions {
  server: URL
  token: string
  ca?: string
  transport: Transport
  sleep: (ms: number) => Promise<void>
  /** 0 ≤ random() < 1, for the jitter. */
  random: () => number
  attempts?: number
  timeoutMs?: number
}

/** Why something posted did not reach the collector; shared by reports and incident reports. */
export type PostFailure =
  /** The collector refused the body itself (400, 413...): it will never accept it. */
  | { kind: 'rejected'; status: number; reason: string }
  /** The token is unknown or revoked: the PC must be enrolled again. */
  | { kind: 'unauthorized'; revoked: boolean }
  /** No answer, or only 429/5xx, after every try. */
  | { kind: 'unreachable'; reason: string }

export type PostOutcome = { kind: 'accepted'; body: Record<string, unknown> } | PostFailure

export type SendOutcome = { kind: 'delivered'; status: 'stored' | 'duplicate'; score: number | null } | PostFailure

export const DEFAULT_ATTEMPTS = 3
export const DEFAULT_TIMEOUT_MS = 15_000
const BASE_DELAY_MS = 1_000
/** A Retry-After beyond this is not waited for: the report goes to the spool for the next run. */
const MAX_DELAY_MS = 30_000

export async function sendReport(report: Report, options: SendOptions): Promise<SendOutcome> {
  const outcome = await postJson('/api/v1/reports', report, options)
  if (outcome.kind !== 'accepted') return outcome
  const { body } = outcome
  return { kind: 'delivered', status: body.status === 'duplicate' ? 'duplicate' : 'stored', score: typeof body.score === 'number' ? body.score : null }
}

/** Posts one JSON body to the collector with the device token, retrying as described above. */
export async function postJson(apiPath: string, value: unknown, options: SendOptions): Promise<PostOutcome> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS
  const body = JSON.stringify(value)
  let reason = ''
  for (let attempt = 0; attempt < attempts; attempt++) {
    let retryAfterMs: number | null = null
    try {
      const answer = await options.transport(new URL(apiPath, options.server), {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${options.token}` },
        ca: options.ca,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      })
      const parsed = jsonObject(answer.body)
      if (answer.status === 202 || answer.status === 200) return { kind: 'accepted', body: parsed }
      if (answer.status === 401) return { kind: 'unauthorized', revoked: parsed.error === 'revoked' }
      if (answer.status !== 429 && answer.status < 500) {
        return { kind: 'rejected', status: answer.status, reason: String(parsed.message ?? parsed.error ?? answer.status) }
      }
      reason = `HTTP ${answer.status}${parsed.message ? ` (${String(parsed.message)})` : ''}`
      retryAfterMs = retryAfter(answer.headers['retry-after'])
    } catch (error) {
      if (error instanceof TransportError && error.failure === 'certificate') {
        // An untrusted certificate is not a passing fault; trying again only repeats it.
        return { kind: 'unreachable', reason: `certificate: ${error.message}` }
      }
      reason = error instanceof Error ? error.message : String(error)
    }
    if (attempt === attempts - 1) break
    if (retryAfterMs !== null && retryAfterMs > MAX_DELAY_MS) break
    await options.sleep(retryAfterMs ?? Math.floor(options.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt)))
  }
  return { kind: 'unreachable', reason }
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfter(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now())
}

