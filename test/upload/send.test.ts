import { describe, expect, it } from 'vitest'
import { retryAfter, sendReport } from '../../src/upload/send.js'
import { TransportError, type HttpAnswer, type Transport } from '../../src/upload/transport.js'
import { makeReport } from '../helpers/reports.js'

/** A transport answering from a script, one answer (or error) per call. */
function scripted(answers: Array<HttpAnswer | Error>): Transport & { calls: Array<{ url: string; body?: string; auth?: string }> } {
  const calls: Array<{ url: string; body?: string; auth?: string }> = []
  const transport = (async (url, options) => {
    calls.push({ url: url.toString(), body: options.body, auth: options.headers?.authorization })
    const next = answers.shift()
    if (!next) throw new Error('no more answers scripted')
    if (next instanceof Error) throw next
    return next
  }) as Transport & { calls: typeof calls }
  transport.calls = calls
  return transport
}
const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}): HttpAnswer => ({ status, body: JSON.stringify(body), headers })

async function send(answers: Array<HttpAnswer | Error>) {
  const transport = scripted(answers)
  const sleeps: number[] = []
  const outcome = await sendReport(await makeReport(), {
    server: new URL('https://collector.example:8750'),
    token: 'tok-123',
    transport,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
  })
  return { outcome, sleeps, calls: transport.calls }
}

describe('sendReport', () => {
  it('posts the report with the device token and reads the answer', async () => {
    const { outcome, calls } = await send([answer(202, { status: 'stored', score: 88 })])
    expect(outcome).toEqual({ kind: 'delivered', status: 'stored', score: 88 })
    expect(calls[0]).toMatchObject({ url: 'https://collector.example:8750/api/v1/reports', auth: 'Bearer tok-123' })
  })

  it('retries network errors, 429 and 5xx with growing jittered waits, the same report each time', async () => {
    const { outcome, sleeps, calls } = await send([new TransportError('network', 'ECONNREFUSED'), answer(503), answer(202, { status: 'duplicate' })])
    expect(outcome).toMatchObject({ kind: 'delivered', status: 'duplicate' })
    expect(sleeps).toEqual([500, 1000])
    expect(new Set(calls.map((call) => call.body)).size).toBe(1)
  })

  it('honours Retry-After', async () => {
    const { sleeps } = await send([answer(429, {}, { 'retry-after': '7' }), answer(202)])
    expect(sleeps).toEqual([7000])
  })

  it('gives up after three tries and says why, without waiting after the last', async () => {
    const { outcome, sleeps, calls } = await send([answer(500), answer(502), answer(503, { message: 'database down' })])
    expect(outcome).toEqual({ kind: 'unreachable', reason: 'HTTP 503 (database down)' })
    expect(calls).toHaveLength(3)
    expect(sleeps).toHaveLength(2)
  })

  it('does not wait for a Retry-After beyond half a minute: the spool will send it later', async () => {
    const { outcome, calls } = await send([answer(503, {}, { 'retry-after': '3600' })])
    expect(outcome.kind).toBe('unreachable')
    expect(calls).toHaveLength(1)
  })

  it('never retries a 4xx', async () => {
    const { outcome, calls } = await send([answer(400, { error: 'invalid_report', message: 'results: expected array' })])
    expect(outcome).toEqual({ kind: 'rejected', status: 400, reason: 'results: expected array' })
    expect(calls).toHaveLength(1)
  })

  it('tells a revoked device from an unknown token', async () => {
    expect((await send([answer(401, { error: 'revoked' })])).outcome).toEqual({ kind: 'unauthorized', revoked: true })
    expect((await send([answer(401, { error: 'unauthorized' })])).outcome).toEqual({ kind: 'unauthorized', revoked: false })
  })

  it('does not retry an untrusted certificate', async () => {
    const { outcome, calls } = await send([new TransportError('certificate', 'self-signed certificate')])
    expect(outcome).toEqual({ kind: 'unreachable', reason: 'certificate: self-signed certificate' })
    expect(calls).toHaveLength(1)
  })
})

describe('retryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfter('120')).toBe(120_000)
    expect(retryAfter(undefined)).toBeNull()
    expect(retryAfter('soon')).toBeNull()
    expect(retryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000)
  })
})
