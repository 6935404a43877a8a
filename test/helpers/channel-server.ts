/** A stand-in for the collector's channel endpoints, as the wire contract in src/channel/schema.ts describes them, on a local port. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'
import { IncidentSchema, incidentReference, type Advisory, type Incident } from '../../src/channel/schema.js'

export const TOKEN = 'device-token-123'

export function advisory(overrides: Partial<Advisory> = {}): Advisory {
  return {
    id: 1,
    title: { vi: 'Cảnh báo giả danh công an gọi điện', en: 'Calls impersonating the police' },
    body: { vi: 'Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.', en: 'The police never ask for money by phone.' },
    severity: 'warning',
    startsAt: '2026-11-20T00:00:00.000Z',
    expiresAt: '2026-12-31T00:00:00.000Z',
    ...overrides,
  }
}

export interface ChannelServer {
  url: string
  advisories: Advisory[]
  /** Incidents stored, once each. */
  incidents: Incident[]
  /** Every request, as `METHOD path`. */
  requests: string[]
  /** 'ok'; 'silent' never answers; 'busy' answers 503; 'revoked' answers 401; 'refusing' answers 400. */
  mode: 'ok' | 'silent' | 'busy' | 'revoked' | 'refusing'
}

const servers: Array<{ close(): void; closeAllConnections(): void }> = []
afterAll(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    server.close()
  }
})

export async function channelServer(advisories: Advisory[] = []): Promise<ChannelServer> {
  const state: ChannelServer = { url: '', advisories, incidents: [], requests: [], mode: 'ok' }
  const reply = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  const server = createServer(async (request: IncomingMessage, response) => {
    state.requests.push(`${request.method} ${request.url}`)
    let text = ''
    for await (const chunk of request) text += String(chunk)
    if (state.mode === 'silent') return
    if (state.mode === 'busy') return reply(response, 503, { error: 'busy' })
    if (state.mode === 'refusing') return reply(response, 400, { error: 'invalid', message: 'description: too long' })
    if (state.mode === 'revoked' || request.headers.authorization !== `Bearer ${TOKEN}`) return reply(response, 401, { error: 'revoked' })
    if (request.method === 'GET' && request.url === '/api/v1/advisories') {
      return reply(response, 200, { advisories: state.advisories, serverTime: new Date().toISOString() })
    }
    if (request.method === 'POST' && request.url === '/api/v1/incidents') {
      const parsed = IncidentSchema.safeParse(JSON.parse(text || 'null'))
      if (!parsed.success) return reply(response, 400, { error: 'invalid', message: parsed.error.issues[0]?.message })
      const duplicate = state.incidents.some((one) => one.incidentId === parsed.data.incidentId)
      if (!duplicate) state.incidents.push(parsed.data)
      return reply(response, 202, { reference: incidentReference(parsed.data.incidentId), duplicate })
    }
    reply(response, 404, { error: 'not found' })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}
