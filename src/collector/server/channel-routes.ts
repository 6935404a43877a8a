/**
 * The channel's API for agents: the active advisories of the device's unit, and incidents from the
 * device. Both take the device token like reports; the unit always comes from the token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { IncidentSchema, type AdvisoriesResponse } from '../../channel/schema.js'
import type { DeviceRecord } from '../store/enrollment.js'
import { activeAdvisories } from '../store/advisories.js'
import { recordIncident } from '../store/incidents.js'
import type { CollectorDeps } from './app.js'
import { fixedWindowLimit } from './rate-limit.js'

/** A person files an incident now and then: a few a minute is plenty, and caps a flood from one token. */
export const INCIDENTS_PER_DEVICE_PER_MINUTE = 5

export interface ChannelRouteKit {
  /** The device of the request's bearer token, or an answer already sent (401). */
  deviceOf(request: FastifyRequest, reply: FastifyReply): Promise<DeviceRecord | null>
  problem(reply: FastifyReply, status: number, error: string, message: string): FastifyReply
  describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string
  /** Called when the database says the device was revoked after its token was cached. */
  revoked(request: FastifyRequest, reply: FastifyReply): FastifyReply
}

export function registerChannelRoutes(app: FastifyInstance, deps: CollectorDeps, kit: ChannelRouteKit): void {
  const perDevice = fixedWindowLimit(INCIDENTS_PER_DEVICE_PER_MINUTE, 60_000)

  app.get('/api/v1/advisories', async (request, reply) => {
    const device = await kit.deviceOf(request, reply)
    if (!device) return reply
    const now = deps.clock.now()
    const body: AdvisoriesResponse = { advisories: await activeAdvisories(deps.db, device.unitCode, now), serverTime: now.toISOString() }
    return reply.send(body)
  })

  app.post('/api/v1/incidents', async (request, reply) => {
    const device = await kit.deviceOf(request, reply)
    if (!device) return reply
    const now = Date.now()
    if (!perDevice.allow(device.id, now)) {
      reply.header('retry-after', perDevice.retryAfter(device.id, now))
      return kit.problem(reply, 429, 'rate_limited', 'too many incidents from this device; try again later')
    }
    const incident = IncidentSchema.safeParse(request.body)
    if (!incident.success) return kit.problem(reply, 400, 'invalid_incident', kit.describeIssues(incident.error.issues))
    const ack = await recordIncident(deps.db, device, incident.data, deps.clock.now())
    if (ack === 'revoked') return kit.revoked(request, reply)
    return reply.code(202).send(ack)
  })
}
