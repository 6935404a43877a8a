/** Property-based fuzzing of every collector API endpoint through app.inject, on SQLite and PostgreSQL: no 5xx, no stack trace, a JSON refusal. */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import type { InjectOptions } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { AdvisoriesResponseSchema } from '../../src/channel/schema.js'
import { DB_KINDS, noPostgres, type DbKind } from '../helpers/databases.js'
import { incidentBody } from '../helpers/channel.js'
import {
  fuzzParams,
  fuzzTimeout,
  hostileBytes,
  hostileJson,
  hostileString,
  mutationsOf,
  textMutationsOf,
  type Json,
} from '../helpers/fuzz.js'
import { expectApiAnswer, fuzzWard, UNIT, type FuzzWard } from '../helpers/fuzz-collector.js'
import { makeReport } from '../helpers/reports.js'

const report = JSON.parse(JSON.stringify(await makeReport())) as Json
const incident = JSON.parse(JSON.stringify(incidentBody())) as Json
const enrollment = (code: string): Json => ({
  code,
  device: { id: '0123456789abcdef0123456789abcdef', hostname: 'PC-KETOAN', os: { platform: 'windows', name: 'Windows 11 Pro' } },
})

type Credential = 'device' | 'incident-device' | 'api-key' | 'none' | 'garbage'

interface Endpoint {
  method: 'GET' | 'POST'
  url: string
  credential: Credential
  /** A valid body, which the mutations start from. */
  body?: (ward: FuzzWard) => Json
}

const ENDPOINTS: Endpoint[] = [
  { method: 'POST', url: '/api/v1/enroll', credential: 'none', body: (ward) => enrollment(ward.enrollCode) },
  { method: 'POST', url: '/api/v1/reports', credential: 'device', body: () => report },
  { method: 'POST', url: '/api/v1/incidents', credential: 'incident-device', body: () => incident },
  { method: 'GET', url: '/api/v1/advisories', credential: 'device' },
  { method: 'GET', url: '/api/v1/units', credential: 'api-key' },
  { method: 'GET', url: `/api/v1/units/${UNIT}`, credential: 'api-key' },
  { method: 'GET', url: `/api/v1/units/${UNIT}/devices`, credential: 'api-key' },
]

/** The Authorization and Cookie headers a request may carry: the right credential, none, or garbage. */
const credentialHeader = fc.oneof(
  fc.constant<Credential | null>(null),
  fc.constantFrom<Credential>('device', 'api-key', 'garbage', 'none'),
)

const garbageHeaders = fc.record(
  {
    authorization: fc.oneof(fc.constant('Bearer'), fc.string({ maxLength: 80 }).map((token) => `Bearer ${token}`), fc.string({ maxLength: 40 })),
    cookie: fc.oneof(
      fc.string({ maxLength: 60 }).map((value) => `hygiene_session=${value}`),
      fc.constantFrom('hygiene_session=%', 'hygiene_session=%E0%A4%A', 'hygiene_session=%00', 'hygiene_session', '=;=;', 'a=%ZZ; hygiene_session=%'),
    ),
  },
  { requiredKeys: [] },
)

/** A body: the endpoint's valid one mutated, any JSON, damaged JSON text, random bytes, deep nesting. */
function bodyFor(valid: Json | undefined): fc.Arbitrary<string | Buffer> {
  const start = valid ?? {}
  return fc.oneof(
    { weight: 5, arbitrary: mutationsOf(start).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: textMutationsOf(JSON.stringify(start)) },
    { weight: 1, arbitrary: hostileBytes },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
    { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"\\u0000":"\\u0000"}', '"\\ud800"') },
  )
}

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=utf-8; x=') },
)

/** A path segment for any string; a lone surrogate, which encodeURIComponent refuses, becomes U+FFFD as on the wire. */
function segment(text: string): string {
  return encodeURIComponent(Buffer.from(text).toString('utf8'))
}

async function send(ward: FuzzWard, options: InjectOptions) {
  const response = await ward.app.inject(options)
  expectApiAnswer(response)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  return response
}

async function authorization(ward: FuzzWard, credential: Credential | null): Promise<Record<string, string>> {
  switch (credential) {
    case 'device':
      return { authorization: `Bearer ${ward.deviceToken}` }
    case 'incident-device':
      return { authorization: `Bearer ${await ward.incidentToken()}` }
    case 'api-key':
      return { authorization: `Bearer ${ward.apiKey}` }
    case 'garbage':
      return { authorization: 'Bearer not-a-token' }
    default:
      return {}
  }
}

function fuzzApi(kind: DbKind, share: number): void {
  let ward: FuzzWard
  beforeAll(async () => {
    ward = await fuzzWard(kind)
  })

  it('accepts valid requests to every endpoint', async () => {
    const enrolled = await send(ward, { method: 'POST', url: '/api/v1/enroll', payload: enrollment(ward.enrollCode) as object })
    expect(enrolled.statusCode).toBe(201)
    await fc.assert(
      fc.asyncProperty(fc.uuid({ version: 4 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0), async (id, description) => {
        const reported = await send(ward, {
          method: 'POST',
          url: '/api/v1/reports',
          headers: await authorization(ward, 'device'),
          payload: { ...(report as object), reportId: id },
        })
        expect(reported.statusCode).toBe(202)
        const filed = await send(ward, {
          method: 'POST',
          url: '/api/v1/incidents',
          headers: await authorization(ward, 'incident-device'),
          payload: incidentBody({ incidentId: randomUUID(), description }),
        })
        expect(filed.statusCode).toBe(202)
      }),
      fuzzParams(share * 0.2),
    )
    const advisories = await send(ward, { method: 'GET', url: '/api/v1/advisories', headers: await authorization(ward, 'device') })
    expect(AdvisoriesResponseSchema.safeParse(advisories.json()).success).toBe(true)
    for (const url of [`/api/v1/units`, `/api/v1/units/${UNIT}`, `/api/v1/units/${UNIT}/devices`]) {
      expect((await send(ward, { method: 'GET', url, headers: await authorization(ward, 'api-key') })).statusCode).toBe(200)
    }
  }, fuzzTimeout(share * 0.2, 100))

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.url}: malformed requests get a JSON 4xx, never a 5xx`, async () => {
      const request = fc.record({
        credential: credentialHeader,
        headers: garbageHeaders,
        contentType,
        body: bodyFor(endpoint.body?.(ward)),
      })
      await fc.assert(
        fc.asyncProperty(request, async ({ credential, headers, contentType, body }) => {
          const auth = await authorization(ward, credential ?? endpoint.credential)
          await send(ward, {
            method: endpoint.method,
            url: endpoint.url,
            headers: { ...headers, ...auth, ...(contentType ? { 'content-type': contentType } : {}) },
            ...(endpoint.method === 'POST' ? { payload: body } : {}),
          })
        }),
        fuzzParams(share),
      )
    }, fuzzTimeout(share, 50))
  }

  it('unit paths, query strings and methods: a JSON 4xx, never a 5xx', async () => {
    const url = fc.oneof(
      hostileString.map((code) => `/api/v1/units/${segment(code)}`),
      hostileString.map((code) => `/api/v1/units/${segment(code)}/devices`),
      fc.constantFrom('/api/v1/units/%', '/api/v1/units/%E0', '/api/v1/units/%00', '/api/v1/units/..%2F..', '/api/v1/units/a/b/c', '/api/v1//units', '/api/v1/units?x=%'),
      fc.tuple(fc.constantFrom(...ENDPOINTS.map((e) => e.url)), fc.string({ maxLength: 30 })).map(([path, query]) => `${path}?${segment(query)}=${query}`),
    )
    const method = fc.constantFrom('GET' as const, 'POST' as const, 'PUT' as const, 'DELETE' as const, 'PATCH' as const)
    await fc.assert(
      fc.asyncProperty(url, method, credentialHeader, async (path, verb, credential) => {
        await send(ward, { method: verb, url: path, headers: await authorization(ward, credential ?? 'api-key') })
      }),
      fuzzParams(share),
    )
  }, fuzzTimeout(share, 50))
}

describe.each(DB_KINDS)('fuzz: collector API on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    // PostgreSQL takes a share: each request is a round trip to the server.
    fuzzApi(kind, kind === 'sqlite' ? 1 : 0.3)
  })
})
