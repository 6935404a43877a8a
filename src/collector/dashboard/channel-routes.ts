/** Dashboard routes of the channel: admins send and withdraw advisories; the incidents queue, per unit for viewers. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { CollectorDeps } from '../server/app.js'
import { formatIncidents } from '../channel-format.js'
import { addAdvisory, AdvisoryInputSchema, advisoryProblem, listAdvisories, withdrawAdvisory } from '../store/advisories.js'
import { findIncident, INCIDENT_STATUSES, listIncidents, setIncidentStatus, type IncidentStatus } from '../store/incidents.js'
import type { Session } from '../store/users.js'
import { vietnamDayEnd } from '../vietnam-day.js'
import { advisoriesPage, incidentPage, incidentsPage } from './channel-pages.js'
import { CSV_FILE, sendDownload } from './exports.js'
import { formField, sameToken } from './http.js'
import { sayIn, sendMessage, sendPage, type View } from './layout.js'

export interface SignedInView extends View {
  session: Session
}
type PageHandler = (view: SignedInView, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>

export interface DashboardKit {
  signedIn(handler: PageHandler): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>
  forbidden(reply: FastifyReply, view: SignedInView): FastifyReply
}

export function channelDashboardRoutes(scope: FastifyInstance, deps: CollectorDeps, kit: DashboardKit): void {
  const { signedIn, forbidden } = kit
  /** Admin pages and every form: the wrong role is forbidden, a missing or wrong CSRF token refused. */
  const adminForm = (handler: PageHandler) =>
    signedIn(async (view, request, reply) => {
      if (view.session.user.role !== 'admin') return forbidden(reply, view)
      if (request.method === 'POST' && !sameToken(view.session.csrfToken, formField(request, 'csrf'))) {
        return sendMessage(reply, view, 403, 'dash.csrf.title', 'dash.csrf.body')
      }
      return handler(view, request, reply)
    })

  const showAdvisories = async (view: SignedInView, reply: FastifyReply, status = 200) => {
    const page = advisoriesPage(view, await listAdvisories(deps.db), deps.clock.now(), view.session.csrfToken)
    return sendPage(reply, view, status, sayIn(view.lang)('dash.advisory.title'), page)
  }
  scope.get('/advisories', adminForm(async (view, _request, reply) => showAdvisories(view, reply)))
  scope.post('/advisories', adminForm(async (view, request, reply) => {
    const now = deps.clock.now()
    const text = (name: string) => formField(request, name)?.trim() || null
    const units = (text('units') ?? '').split(/[\s,;]+/).filter(Boolean)
    const expires = text('expires')
    const input = AdvisoryInputSchema.safeParse({
      titleVi: text('title_vi') ?? '',
      titleEn: text('title_en'),
      bodyVi: text('body_vi') ?? '',
      bodyEn: text('body_en'),
      severity: text('severity'),
      units: units.length > 0 ? units : null,
      startsAt: now.toISOString(),
      expiresAt: (expires && vietnamDayEnd(expires)?.toISOString()) ?? 'invalid',
    })
    if (!input.success) {
      return sendMessage(reply, view, 400, 'dash.error.title', 'dash.advisory.invalid', advisoryProblem(input.error, view.lang))
    }
    await addAdvisory(deps.db, input.data, view.session.user.name, now)
    return reply.redirect('/advisories', 303)
  }))
  scope.post('/advisories/:id/withdraw', adminForm(async (view, request, reply) => {
    const id = Number((request.params as { id: string }).id)
    // An id that is not a number names no advisory (PostgreSQL would refuse NaN with a 500).
    if (!Number.isSafeInteger(id) || id <= 0) return sendMessage(reply, view, 404, 'dash.notFound.title', 'dash.notFound.item')
    await withdrawAdvisory(deps.db, id, view.session.user.name, deps.clock.now())
    return reply.redirect('/advisories', 303)
  }))

  const filterOf = (request: FastifyRequest) => {
    const query = (request.query ?? {}) as Record<string, unknown>
    const status = INCIDENT_STATUSES.find((candidate) => candidate === query.status)
    const unit = typeof query.unit === 'string' && query.unit.trim() ? query.unit.trim().toUpperCase() : undefined
    return { status, unit }
  }
  scope.get('/incidents', signedIn(async (view, request, reply) => {
    const filter = filterOf(request)
    const records = await listIncidents(deps.db, view.session.user, filter)
    return sendPage(reply, view, 200, sayIn(view.lang)('dash.incident.title'), incidentsPage(view, records, filter))
  }))
  scope.get('/export/incidents.csv', signedIn(async (view, request, reply) => {
    const records = await listIncidents(deps.db, view.session.user, filterOf(request))
    return sendDownload(reply, CSV_FILE, deps.clock.now(), formatIncidents(records, 'csv', view.lang), 'incidents')
  }))
  scope.get('/incidents/:reference', signedIn(async (view, request, reply) => {
    const { incident, events } = await findIncident(deps.db, view.session.user, String((request.params as { reference: string }).reference))
    return sendPage(reply, view, 200, incident.reference, incidentPage(view, incident, events, view.session.csrfToken))
  }))
  scope.post('/incidents/:reference/status', adminForm(async (view, request, reply) => {
    const reference = String((request.params as { reference: string }).reference)
    const status = INCIDENT_STATUSES.find((candidate) => candidate === formField(request, 'status'))
    if (!status) return sendMessage(reply, view, 400, 'dash.error.title', 'dash.error.badRequest')
    const note = formField(request, 'note')?.trim() || null
    const updated = await setIncidentStatus(deps.db, view.session.user, reference, status as IncidentStatus, note, deps.clock.now())
    return reply.redirect(`/incidents/${updated.reference}`, 303)
  }))
}
