/** Property-based fuzzing of the dashboard's login and forms through app.inject, on SQLite and PostgreSQL: no 5xx, no stack trace, an HTML refusal. */
import fc from 'fast-check'
import { beforeAll, describe, it } from 'vitest'
import { LOGIN_CSRF_COOKIE } from '../../src/collector/dashboard/http.js'
import { SESSION_COOKIE } from '../../src/collector/server/app.js'
import { DB_KINDS, noPostgres, type DbKind } from '../helpers/databases.js'
import { fuzzParams, fuzzTimeout, hostileBytes, hostileString } from '../helpers/fuzz.js'
import { ADMIN, expectPageAnswer, fuzzWard, type FuzzWard } from '../helpers/fuzz-collector.js'

/** A form field: absent, hostile, or one that passes (the CSRF token, a known status). */
const field = (good: string) => fc.option(fc.oneof(hostileString, fc.constant(good)), { nil: undefined })

function form(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) params.append(name, value)
  return params.toString()
}

/** A form body: well-formed with hostile values, or raw bytes and broken percent-encoding. */
function formBody(fields: fc.Arbitrary<Record<string, string | undefined>>): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 4, arbitrary: fields.map(form) },
    { weight: 1, arbitrary: hostileBytes },
    { weight: 1, arbitrary: fc.constantFrom('csrf=%', 'name=%E0%A4%A&password=%00', '&&==&', 'a'.repeat(2_000_000)) },
  )
}

/** A remote address per run, so the login limit (per address) does not answer every run with 429. */
const address = fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.9.${a}.${b}`)

function fuzzDashboard(kind: DbKind, share: number): void {
  let ward: FuzzWard
  beforeAll(async () => {
    ward = await fuzzWard(kind)
  })
  const signedIn = () => `${SESSION_COOKIE}=${encodeURIComponent(ward.admin.id)}`

  it('POST /login: hostile names, passwords and CSRF tokens get a page, never a 5xx', async () => {
    const csrf = 'login-csrf-token'
    const fields = fc.record({ csrf: field(csrf), name: field(ADMIN.name), password: field(ADMIN.password) })
    await fc.assert(
      fc.asyncProperty(formBody(fields), address, fc.boolean(), async (payload, remoteAddress, withCookie) => {
        const response = await ward.app.inject({
          method: 'POST',
          url: '/login',
          remoteAddress,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withCookie ? { cookie: `${LOGIN_CSRF_COOKIE}=${csrf}` } : {}) },
          payload,
        })
        expectPageAnswer(response)
      }),
      // Each login that passes the CSRF check costs an scrypt hash.
      fuzzParams(share * 0.5),
    )
  }, fuzzTimeout(share * 0.5, 100))

  it('admin forms (advisories, withdraw, incident status, logout): hostile fields get a page, never a 5xx', async () => {
    const target = fc.oneof(
      fc.constant('/advisories'),
      fc.constant('/logout'),
      fc.oneof(fc.constant(String(ward.advisoryId)), hostileString).map((id) => `/advisories/${encodeURIComponent(Buffer.from(id).toString())}/withdraw`),
      fc.oneof(fc.constant(ward.incidentReference), hostileString).map((ref) => `/incidents/${encodeURIComponent(Buffer.from(ref).toString())}/status`),
    )
    const fields = fc.record({
      csrf: field(ward.admin.csrfToken),
      title_vi: field('Cảnh báo'),
      body_vi: field('Nội dung'),
      severity: field('warning'),
      units: field('THCS-01'),
      expires: field('2027-01-31'),
      status: field('in-progress'),
      note: field('ghi chú'),
    })
    await fc.assert(
      fc.asyncProperty(target, formBody(fields), async (url, payload) => {
        const response = await ward.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: signedIn() },
          payload,
        })
        expectPageAnswer(response)
      }),
      fuzzParams(share),
    )
  }, fuzzTimeout(share, 50))

  it('pages with hostile paths, queries and cookies get a page, never a 5xx', async () => {
    const page = fc.constantFrom('/', '/login', '/advisories', '/incidents', '/export/units.csv', '/export/incidents.csv', '/units/', '/devices/', '/incidents/')
    const tail = fc.oneof(fc.constant(''), hostileString.map((text) => encodeURIComponent(Buffer.from(text).toString())), fc.constantFrom('%', '%E0', '%00'))
    const query = fc.oneof(fc.constant(''), fc.constantFrom('?lang=en', '?lang=%', '?sort=%00', '?status=x&unit=%00', '?unit=\u0000', '?sort=__proto__'))
    const cookie = fc.oneof(
      fc.constant(`${SESSION_COOKIE}=SIGNED-IN`),
      fc.constantFrom(`${SESSION_COOKIE}=%`, `${LOGIN_CSRF_COOKIE}=%E0`, 'hygiene_lang=%', 'hygiene_lang=__proto__', ''),
      fc.string({ maxLength: 40 }).map((value) => `${SESSION_COOKIE}=${value}`),
    )
    await fc.assert(
      fc.asyncProperty(page, tail, query, cookie, async (path, rest, search, jar) => {
        const response = await ward.app.inject({ method: 'GET', url: `${path}${rest}${search}`, headers: { cookie: jar.replace('SIGNED-IN', encodeURIComponent(ward.admin.id)) } })
        expectPageAnswer(response)
      }),
      fuzzParams(share),
    )
  }, fuzzTimeout(share, 50))
}

describe.each(DB_KINDS)('fuzz: dashboard on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    fuzzDashboard(kind, kind === 'sqlite' ? 1 : 0.3)
  })
})
