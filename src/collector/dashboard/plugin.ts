/**
 * The dashboard: server-rendered pages for the ward police on the collector's own server (login, the
 * units table, a unit's and a PC's pages, CSV and XLSX exports; the advisories and the incidents queue). Admins see every unit, a viewer its
 * own. No script, no external request; every form is CSRF-checked; errors render a small page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ReportSchema } from '../../report/schema.js'
import { CollectorError } from '../errors.js'
import type { Db } from '../db/schema.js'
import { rescore } from '../rescore.js'
import { isUnstorableText, maySee, SESSION_COOKIE, type CollectorDeps } from '../server/app.js'
import { fixedWindowLimit } from '../server/rate-limit.js'
import { latestReportBody, unitDevices, unitTrend } from '../store/unit-detail.js'
import { unitTable, type UnitRow } from '../store/unit-table.js'
import { authenticate, createSession, deleteSession, sessionById, type Session, type User } from '../store/users.js'
import { newToken } from '../secrets.js'
import { unitsCsv } from '../units-format.js'
import { channelDashboardRoutes } from './channel-routes.js'
import { devicePage, type DeviceSummary } from './device-page.js'
import { CSV_FILE, sendDownload, unitsXlsx, XLSX_FILE } from './exports.js'
import {
  formField,
  langOf,
  LOGIN_CSRF_COOKIE,
  rememberLang,
  requestCookie,
  sameToken,
  SECURITY_HEADERS,
  setCookie,
} from './http.js'
import { sayIn, sendMessage, sendPage, type View } from './layout.js'
import { loginPage } from './login-page.js'
import { unitPage } from './unit-page.js'
import { parseSort, unitsPage, sortUnits } from './units-page.js'

/** Each attempt costs an scrypt hash; ten a minute per address is plenty for a person, little for a guesser. */
const LOGIN_ATTEMPTS_PER_MINUTE = 10

interface SignedIn extends View {
  session: Session
}

type PageHandler = (view: SignedIn, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>

export async function dashboardPlugin(app: FastifyInstance, deps: CollectorDeps): Promise<void> {
  // Its own scope: the form parser, the HTML error page and the headers apply to the dashboard only.
  await app.register(async (scope) => dashboardRoutes(scope, deps))
}

function dashboardRoutes(scope: FastifyInstance, deps: CollectorDeps): void {
  const secure = deps.https !== undefined
  const loginLimit = fixedWindowLimit(LOGIN_ATTEMPTS_PER_MINUTE, 60_000)
  const viewOf = (request: FastifyRequest, session: Session | null): View => ({
    lang: langOf(request),
    url: request.url,
    session,
  })

  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, new URLSearchParams(String(body)))
  })
  scope.addHook('onRequest', async (request, reply) => rememberLang(request, reply, secure))
  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS)
    return payload
  })
  scope.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof CollectorError && error.status === 404) {
      return sendMessage(reply, viewOf(request, null), 404, 'dash.notFound.title', 'dash.notFound.item')
    }
    const code = isUnstorableText(error) ? 400 : (error.statusCode ?? 500)
    const status = code >= 400 && code < 500 ? code : 500
    const body = status === 500 ? 'dash.error.internal' : 'dash.error.badRequest'
    return sendMessage(reply, viewOf(request, null), status, 'dash.error.title', body)
  })

  const sessionOf = async (request: FastifyRequest): Promise<Session | null> => {
    const id = requestCookie(request, SESSION_COOKIE)
    return id ? sessionById(deps.db, id, deps.clock.now()) : null
  }
  const signedIn = (handler: PageHandler) => async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await sessionOf(request)
    if (!session) return reply.redirect('/login', 303)
    return handler({ ...viewOf(request, session), session }, request, reply)
  }
  const visibleUnits = (user: User): Promise<UnitRow[]> =>
    // A viewer without a unit matches no unit code rather than every unit.
    unitTable(deps.db, deps.clock.now(), user.role === 'viewer' ? (user.unit ?? '\u0000') : undefined)
  const forbidden = (reply: FastifyReply, view: SignedIn) => {
    const unit = view.session.user.unit ?? '—'
    return sendMessage(reply, view, 403, 'dash.forbidden.title', 'dash.forbidden.body', { unit })
  }

  const showLogin = (request: FastifyRequest, reply: FastifyReply, status: number, name = '') => {
    const token = requestCookie(request, LOGIN_CSRF_COOKIE) ?? newToken()
    setCookie(reply, LOGIN_CSRF_COOKIE, token, { secure })
    const view = viewOf(request, null)
    const form = loginPage(view, token, { failed: status === 401, name })
    return sendPage(reply, view, status, sayIn(view.lang)('dash.login.title'), form)
  }

  scope.get('/login', async (request, reply) =>
    (await sessionOf(request)) ? reply.redirect('/', 303) : showLogin(request, reply, 200),
  )

  scope.post('/login', async (request, reply) => {
    const view = viewOf(request, null)
    const now = Date.now()
    if (!loginLimit.allow(request.ip, now)) {
      reply.header('retry-after', loginLimit.retryAfter(request.ip, now))
      return sendMessage(reply, view, 429, 'dash.rateLimited.title', 'dash.rateLimited.body')
    }
    if (!sameToken(requestCookie(request, LOGIN_CSRF_COOKIE), formField(request, 'csrf'))) {
      return sendMessage(reply, view, 403, 'dash.csrf.title', 'dash.csrf.body')
    }
    const name = formField(request, 'name') ?? ''
    const user = await authenticate(deps.db, name, formField(request, 'password') ?? '')
    if (!user) return showLogin(request, reply, 401, name)
    const previous = requestCookie(request, SESSION_COOKIE)
    if (previous) await deleteSession(deps.db, previous)
    const session = await createSession(deps.db, user, deps.clock.now())
    setCookie(reply, SESSION_COOKIE, session.id, { secure })
    setCookie(reply, LOGIN_CSRF_COOKIE, '', { secure, maxAgeSeconds: 0 })
    return reply.redirect('/', 303)
  })

  scope.post('/logout', async (request, reply) => {
    const session = await sessionOf(request)
    if (!session) return reply.redirect('/login', 303)
    if (!sameToken(session.csrfToken, formField(request, 'csrf'))) {
      return sendMessage(reply, viewOf(request, session), 403, 'dash.csrf.title', 'dash.csrf.body')
    }
    await deleteSession(deps.db, session.id)
    setCookie(reply, SESSION_COOKIE, '', { secure, maxAgeSeconds: 0 })
    return reply.redirect('/login', 303)
  })

  scope.get('/', signedIn(async (view, request, reply) => {
    const rows = await visibleUnits(view.session.user)
    const title = sayIn(view.lang)('dash.units.title')
    return sendPage(reply, view, 200, title, unitsPage(view, rows, parseSort(request.query)))
  }))

  scope.get('/units/:code', signedIn(async (view, request, reply) => {
    const code = String((request.params as { code: string }).code).toUpperCase()
    if (!maySee(view.session.user, code)) return forbidden(reply, view)
    const now = deps.clock.now()
    const [unit] = await unitTable(deps.db, now, code)
    if (!unit) return sendMessage(reply, view, 404, 'dash.notFound.title', 'dash.notFound.unit', { code })
    const [devices, trend] = await Promise.all([unitDevices(deps.db, code, now), unitTrend(deps.db, code, now)])
    return sendPage(reply, view, 200, unit.name, unitPage(view, { unit, devices, trend }))
  }))

  scope.get('/devices/:id', signedIn(async (view, request, reply) => {
    const device = await deviceSummary(deps.db, String((request.params as { id: string }).id))
    if (!device) return sendMessage(reply, view, 404, 'dash.notFound.title', 'dash.notFound.device')
    if (!maySee(view.session.user, device.unitCode)) return forbidden(reply, view)
    const body = await latestReportBody(deps.db, device.id)
    const report = body === null ? null : ReportSchema.parse(JSON.parse(body))
    const latest = report ? { report, rescored: rescore(report, deps.rules) } : null
    return sendPage(reply, view, 200, device.hostname, devicePage(view, { device, latest }))
  }))

  const exportedRows = async (view: SignedIn, request: FastifyRequest) =>
    sortUnits(await visibleUnits(view.session.user), parseSort(request.query))
  scope.get('/export/units.csv', signedIn(async (view, request, reply) =>
    sendDownload(reply, CSV_FILE, deps.clock.now(), unitsCsv(await exportedRows(view, request))),
  ))
  scope.get('/export/units.xlsx', signedIn(async (view, request, reply) =>
    sendDownload(reply, XLSX_FILE, deps.clock.now(), await unitsXlsx(await exportedRows(view, request), view.lang)),
  ))

  channelDashboardRoutes(scope, deps, { signedIn, forbidden })
}

async function deviceSummary(db: Db, id: string): Promise<DeviceSummary | null> {
  const row = await db
    .selectFrom('devices as d')
    .innerJoin('units as u', 'u.code', 'd.unit_code')
    .select(['d.id', 'd.hostname', 'd.os_name', 'd.unit_code', 'u.name as unit_name'])
    .where('d.id', '=', id)
    .where('d.revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  return { id: row.id, hostname: row.hostname, osName: row.os_name, unitCode: row.unit_code, unitName: row.unit_name }
}
