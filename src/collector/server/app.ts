/**
 * The collector's HTTP server: API v1 for agents (enroll, reports, advisories, incidents) and for people and scripts
 * (units), health and metrics. Every body is validated with zod; no response ever carries a stack
 * trace; a report is acknowledged (202) only once its transaction has committed.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Clock } from '../../core/clock.js'
import type { Db } from '../db/schema.js'
import { databaseUrlOf } from '../db/connect.js'
import { CollectorError } from '../errors.js'
import { BatchFailedError, ingestThread } from '../ingest/client.js'
import { errorFrom } from '../ingest/protocol.js'
import { describeIssues } from '../issues.js'
import type { RuleWeight } from '../rescore.js'
import { enrollDevice } from '../store/enrollment.js'
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
  // Reports are parsed, checked and stored by a thread of their own; this event loop serves HTTP.
  const reports = ingestThread({ dbUrl: databaseUrlOf(deps.db), rules: [...deps.rules] })
  app.addHook('onClose', () => reports.close())

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

  // A report's bytes go to the ingest thread as they arrived: it parses them, off the event loop.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, bytes, done) => done(null, bytes))
    scope.post('/api/v1/reports', async (request, reply) => {
      const token = bearer(request)
      const device = token ? await devices.find(token) : null
      if (!token || !device) return problem(reply, 401, 'unauthorized', 'unknown device token')
      if (device.revoked) return revoked(reply)
      const now = Date.now()
      if (!perDevice.allow(device.id, now)) {
        reply.header('retry-after', perDevice.retryAfter(device.id, now))
        return problem(reply, 429, 'rate_limited', 'too many reports from this device; try again later')
      }
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const answer = await reports.submit({ bytes, device, receivedAt: deps.clock.now().toISOString() })
      switch (answer.status) {
        case 'refused':
          return problem(reply, 400, answer.error, answer.message)
        case 'failed':
          throw errorFrom(answer.error)
        case 'revoked':
          devices.forget(token)
          return revoked(reply)
        default:
          metrics.reports[answer.status]++
          return reply.code(202).send({ reportId: answer.reportId, status: answer.status, score: answer.score, scoreMismatch: answer.scoreMismatch })
      }
    })
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

/**
 * PostgreSQL's text cannot hold a NUL character (22021, "invalid byte sequence for encoding UTF8:
 * 0x00"); one in a request (a unit code in the path, a hostname) is the client's mistake, not a 500.
 */
export function isUnstorableText(error: Error & { code?: string }): boolean {
  return error.code === '22021'
}

/**
 * PostgreSQL down, restarting or out of connections, SQLite locked: the client should retry, not
 * give up. pg reports some of these without a code, only in words: a client whose connection broke
 * is "not queryable", one cut mid-answer receives "unexpected" messages.
 */
export function isDatabaseUnavailable(error: Error & { code?: string }): boolean {
  const code = String(error.code ?? '')
  return (
    /^(08|57P|53)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTCONN', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(code) ||
    /^SQLITE_(BUSY|LOCKED)/.test(code) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|is not queryable|Received unexpected \w+ message from backend|Query read timeout/i.test(error.message)
  )
}
