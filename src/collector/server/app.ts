/**
 * The collector's HTTP server: API v1 for agents (enroll, reports, advisories, incidents) and for people and scripts
 * (units), health and metrics. Every body is validated with zod; no response ever carries a stack
 * trace; a report is acknowledged (202) only once its transaction has committed.
 */
import { isUtf8 } from 'node:buffer'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Clock } from '../../core/clock.js'
import { ReportSchema, type Report } from '../../report/schema.js'
import type { Db } from '../db/schema.js'
import { CollectorError } from '../errors.js'
import { rescore, type RuleWeight } from '../rescore.js'
import { enrollDevice } from '../store/enrollment.js'
import { reportWriter } from '../store/ingest.js'
import { BatchFailedError } from '../store/ingest-sqlite.js'
import { unitDevices, unitTrend } from '../store/unit-detail.js'
import { unitTable } from '../store/unit-table.js'
import { sessionById, userByApiKey, type User } from '../store/users.js'
import { EnrollRequestSchema } from './api-schemas.js'
import { registerChannelRoutes } from './channel-routes.js'
import { deviceCache } from './device-cache.js'
import { Metrics } from './metrics.js'
import { DEFAULT_LIMITS, fixedWindowLimit } from './rate-limit.js'

export const BODY_LIMIT_BYTES = 1024 * 1024
export const SESSION_COOKIE = 'hygiene_session'

export interface CollectorDeps {
  db: Db
  clock: Clock
  /** The collector's own copy of the rules' severities, to score reports again. */
  rules: ReadonlyMap<string, RuleWeight>
  limits?: { perDevicePerMinute: number; perIpPerMinute: number }
  https?: { cert: Buffer; key: Buffer }
  /** Extra routes on the same server (the dashboard). */
  plugins?: Array<(app: FastifyInstance, deps: CollectorDeps) => Promise<void>>
}


/** A problem the client can act on, as JSON: never a stack trace. */
export function problem(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error, message })
}

export async function buildApp(deps: CollectorDeps): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: false, ...(deps.https ? { https: deps.https } : {}) }) as unknown as FastifyInstance
  const limits = deps.limits ?? DEFAULT_LIMITS
  const perIp = fixedWindowLimit(limits.perIpPerMinute, 60_000)
  const perDevice = fixedWindowLimit(limits.perDevicePerMinute, 60_000)
  const metrics = new Metrics()
  const devices = deviceCache(deps.db)
  const reports = reportWriter(deps.db)
  app.addHook('onClose', () => reports.close())

  // A report is stored as received: serializing the parsed report again would cost about as much
  // as parsing it, and its bytes go to SQLite as they are (binding the text would encode it anew).
  const bodies = new WeakMap<FastifyRequest, { text: string; bytes: Buffer }>()
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, bytes: Buffer, done) => {
    const body = bytes.toString('utf8')
    bodies.set(request, { text: body, bytes })
    // The default parser scans every body twice more for "__proto__" and "constructor" keys. Such a
    // key can be spelled only literally or with a \u escape, so a body with none of the three is
    // parsed directly; anything else (a syntax error too) goes through the default parser.
    if (body.includes('\\u') || body.includes('"__proto__"') || body.includes('"constructor"')) return parseJson(request, body, done)
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return parseJson(request, body, done)
    }
    done(null, parsed)
  })

  // Hooks take callbacks rather than being async: each request passes them, and a promise apiece costs.
  app.addHook('onRequest', (request, reply, done) => {
    const now = Date.now()
    if (!request.url.startsWith('/api/') || perIp.allow(request.ip, now)) return done()
    reply.header('retry-after', perIp.retryAfter(request.ip, now))
    problem(reply, 429, 'rate_limited', 'too many requests from this address; try again later')
  })
  // While draining (SIGTERM), answers close their connection: a keep-alive socket that falls idle
  // after close() began would otherwise hold the process open until its timeout.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    metrics.countResponse(request.routeOptions.url ?? 'unknown', reply.statusCode)
    done()
  })

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof CollectorError) return problem(reply, error.status, error.code, error.message)
    if (isUnstorableText(error)) return problem(reply, 400, 'invalid_text', 'text must not contain NUL characters')
    const status = error.statusCode ?? 500
    if (status < 500) return problem(reply, status, String(error.code ?? 'bad_request'), error.message)
    if (error instanceof BatchFailedError || isDatabaseUnavailable(error)) {
      reply.header('retry-after', 5)
      return problem(reply, 503, 'unavailable', 'the collector database is unavailable; try again later')
    }
    return problem(reply, 500, 'internal', 'internal error')
  })
  app.setNotFoundHandler((_request, reply) => problem(reply, 404, 'not_found', 'no such endpoint'))

  app.get('/healthz', async (_request, reply) => {
    await deps.db.selectFrom('units').select('code').limit(1).execute()
    return reply.send({ status: 'ok' })
  })
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()))

  app.post('/api/v1/enroll', async (request, reply) => {
    const body = EnrollRequestSchema.safeParse(request.body)
    if (!body.success) return problem(reply, 400, 'invalid_request', describeIssues(body.error.issues))
    const { device } = body.data
    const enrolled = await enrollDevice(
      deps.db,
      body.data.code,
      { deviceKey: device.id, hostname: device.hostname, platform: device.os.platform, osName: device.os.name },
      deps.clock.now(),
    )
    metrics.enrollments++
    return reply.code(201).send(enrolled)
  })

  app.post('/api/v1/reports', async (request, reply) => {
    const token = bearer(request)
    const device = token ? await devices.find(token) : null
    if (!token || !device) return problem(reply, 401, 'unauthorized', 'unknown device token')
    if (device.revoked) return revoked(reply)
    const now = Date.now()
    if (!perDevice.allow(device.id, now)) {
      reply.header('retry-after', perDevice.retryAfter(device.id, now))
      return problem(reply, 429, 'rate_limited', 'too many reports from this device; try again later')
    }
    const report = ReportSchema.safeParse(request.body)
    if (!report.success) return problem(reply, 400, 'invalid_report', describeIssues(report.error.issues))
    const rescored = rescore(report.data, deps.rules)
    const received = bodies.get(request)
    const body = received?.text ?? JSON.stringify(report.data)
    // Bytes that are not UTF-8 were replaced in the text validated: then that text is stored.
    const bodyBytes = received && isUtf8(received.bytes) ? received.bytes : undefined
    const receivedAt = deps.clock.now()
    const outcome = await reports.write({ device, report: notAhead(report.data, receivedAt), rescored, receivedAt, body, bodyBytes })
    if (outcome === 'revoked') {
      devices.forget(token)
      return revoked(reply)
    }
    metrics.reports[outcome]++
    return reply.code(202).send({ reportId: report.data.reportId, status: outcome, score: rescored.score, scoreMismatch: rescored.mismatch })
  })

  registerChannelRoutes(app, deps, {
    async deviceOf(request, reply) {
      const token = bearer(request)
      const device = token ? await devices.find(token) : null
      if (!token || !device) {
        problem(reply, 401, 'unauthorized', 'unknown device token')
        return null
      }
      if (device.revoked) {
        revoked(reply)
        return null
      }
      return device
    },
    problem,
    describeIssues,
    revoked(request, reply) {
      const token = bearer(request)
      if (token) devices.forget(token)
      return revoked(reply)
    },
  })

  const withUser = (handler: (user: User, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const user = await userOf(deps, request)
    if (!user) return problem(reply, 401, 'unauthorized', 'log in, or send a user API key as a bearer token')
    return handler(user, request, reply)
  }
  const unitParam = (request: FastifyRequest): string => String((request.params as { code: string }).code).toUpperCase()

  app.get('/api/v1/units', withUser(async (user, _request, reply) => {
    const rows = await unitTable(deps.db, deps.clock.now(), user.role === 'viewer' ? (user.unit ?? '\u0000') : undefined)
    return reply.send(rows)
  }))
  app.get('/api/v1/units/:code', withUser(async (user, request, reply) => {
    const code = unitParam(request)
    if (!maySee(user, code)) return problem(reply, 403, 'forbidden', 'this account may only see its own unit')
    const [row] = await unitTable(deps.db, deps.clock.now(), code)
    if (!row) return problem(reply, 404, 'unknown_unit', `no unit ${code}`)
    return reply.send({ ...row, trend: await unitTrend(deps.db, code, deps.clock.now()) })
  }))
  app.get('/api/v1/units/:code/devices', withUser(async (user, request, reply) => {
    const code = unitParam(request)
    if (!maySee(user, code)) return problem(reply, 403, 'forbidden', 'this account may only see its own unit')
    return reply.send(await unitDevices(deps.db, code, deps.clock.now()))
  }))

  for (const plugin of deps.plugins ?? []) await plugin(app, deps)
  return app
}

/** A PC's clock may run ahead; further than this, its report is not dated later than now. */
export const CLOCK_AHEAD_TOLERANCE_MS = 10 * 60_000

/**
 * A report dated in the future would stay its device's latest, and count as reporting, until a
 * later-dated one came: it is dated when it was received instead (its stored body keeps the PC's date).
 */
function notAhead(report: Report, receivedAt: Date): Report {
  if (Date.parse(report.generatedAt) <= receivedAt.getTime() + CLOCK_AHEAD_TOLERANCE_MS) return report
  return { ...report, generatedAt: receivedAt.toISOString() }
}

export function maySee(user: User, unit: string): boolean {
  return user.role === 'admin' || user.unit === unit
}

function revoked(reply: FastifyReply): FastifyReply {
  return problem(reply, 401, 'revoked', 'this device was revoked; enroll it again')
}

function bearer(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  return match ? match[1]! : null
}

/** A user from an API key (Bearer) or the dashboard's session cookie. */
export async function userOf(deps: CollectorDeps, request: FastifyRequest): Promise<User | null> {
  const key = bearer(request)
  if (key) return userByApiKey(deps.db, key)
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE)
  return cookie ? ((await sessionById(deps.db, cookie, deps.clock.now()))?.user ?? null) : null
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key !== name) continue
    try {
      return decodeURIComponent(value.join('='))
    } catch {
      // Not percent-encoding as setCookie writes it: no cookie of ours, so no session (not a 500).
      return null
    }
  }
  return null
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ')
}

/**
 * PostgreSQL's text cannot hold a NUL character (22021, "invalid byte sequence for encoding UTF8:
 * 0x00"); one in a request (a unit code in the path, a hostname) is the client's mistake, not a 500.
 */
export function isUnstorableText(error: Error & { code?: string }): boolean {
  return error.code === '22021'
}

/** PostgreSQL down or restarting, SQLite locked: the client should retry, not give up. */
function isDatabaseUnavailable(error: Error & { code?: string }): boolean {
  const code = String(error.code ?? '')
  return (
    /^(08|57P)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code) ||
    /^SQLITE_(BUSY|LOCKED)/.test(code) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(error.message)
  )
}
