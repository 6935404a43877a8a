import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { buildIncident, incidentSpool } from '../../src/channel/incidents.js'
import { fixedClock } from '../../src/core/clock.js'
import { deliver, type DeliveryTarget } from '../../src/upload/deliver.js'
import { addToSpool, spooledReports, spoolReport, spoolDir } from '../../src/upload/spool.js'
import { readLastUpload } from '../../src/upload/state.js'
import type { HttpAnswer, Transport } from '../../src/upload/transport.js'
import { testHost } from '../helpers/probe-context.js'
import { makeReport } from '../helpers/reports.js'
import { tempTree } from '../helpers/temp-tree.js'

const clock = fixedClock('2026-11-29T09:00:00Z')

/** A collector answering by report id: a function of the posted body. */
function collector(answer: (reportId: string) => HttpAnswer | Error): Transport & { received: string[] } {
  const received: string[] = []
  const transport = (async (_url, options) => {
    const { reportId } = JSON.parse(options.body ?? '{}') as { reportId: string }
    received.push(reportId)
    const reply = answer(reportId)
    if (reply instanceof Error) throw reply
    return reply
  }) as Transport & { received: string[] }
  transport.received = received
  return transport
}
const ok: HttpAnswer = { status: 202, headers: {}, body: '{"status":"stored"}' }

function target(transport: Transport): DeliveryTarget {
  return { server: new URL('https://collector.example'), token: 't', deviceId: 'd', redact: true, transport, sleep: async () => {}, random: () => 0, attempts: 1 }
}

describe('deliver', () => {
  it('sends the spool first, oldest first, then the new report, and empties the spool', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const old1 = await makeReport({ generatedAt: '2026-11-20T00:00:00.000Z' })
    const old2 = await makeReport({ generatedAt: '2026-11-25T00:00:00.000Z' })
    await spoolReport(host, old2)
    await spoolReport(host, old1)
    const fresh = await makeReport({ generatedAt: '2026-11-29T08:00:00.000Z' })
    const transport = collector(() => ok)
    const delivery = await deliver(host, clock, target(transport), fresh)
    expect(transport.received).toEqual([old1.reportId, old2.reportId, fresh.reportId])
    expect(delivery).toMatchObject({ newReportDelivered: true, waiting: 0, unauthorized: false })
    expect(await readLastUpload(host)).toMatchObject({ result: 'delivered', reportId: fresh.reportId, at: '2026-11-29T09:00:00.000Z' })
  })

  it('keeps the new report in the spool when the collector cannot be reached', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const fresh = await makeReport()
    const delivery = await deliver(host, clock, target(collector(() => new Error('connect ECONNREFUSED 127.0.0.1:8750'))), fresh)
    expect(delivery).toMatchObject({ newReportDelivered: false, waiting: 1, problem: 'connect ECONNREFUSED 127.0.0.1:8750' })
    expect((await spooledReports(host)).map((one) => one.report.reportId)).toEqual([fresh.reportId])
    expect(await readLastUpload(host)).toMatchObject({ result: 'spooled', reportId: fresh.reportId })
  })

  it('stops at a revoked token and keeps everything', async () => {
    const host = testHost({ homeDir: await tempTree() })
    await spoolReport(host, await makeReport({ generatedAt: '2026-11-20T00:00:00.000Z' }))
    const transport = collector(() => ({ status: 401, headers: {}, body: '{"error":"revoked"}' }))
    const delivery = await deliver(host, clock, target(transport), await makeReport())
    expect(transport.received).toHaveLength(1)
    expect(delivery).toMatchObject({ unauthorized: true, problem: 'revoked', waiting: 2 })
  })

  it('records a report kept because a waiting incident report found the PC revoked as unauthorized', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const incident = buildIncident(
      { kind: 'scam-call', description: 'Người gọi xưng là công an', occurredAt: null, moneyGiven: false, phone: null },
      { clock, lang: 'vi', agentVersion: '0.1.0' },
    )
    await addToSpool(host, incidentSpool, incident)
    const fresh = await makeReport()
    const transport = collector(() => ({ status: 401, headers: {}, body: '{"error":"revoked"}' }))
    const delivery = await deliver(host, clock, target(transport), fresh)
    expect(transport.received).toHaveLength(1)
    expect(delivery).toMatchObject({ unauthorized: true, problem: 'revoked', waiting: 1, newReportDelivered: false })
    expect(await readLastUpload(host)).toMatchObject({ result: 'unauthorized', reportId: fresh.reportId, detail: 'revoked' })
  })

  it('sets aside, never deletes, a report the collector refuses for good, and goes on', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const bad = await makeReport({ generatedAt: '2026-11-20T00:00:00.000Z' })
    await spoolReport(host, bad)
    const fresh = await makeReport()
    const transport = collector((id) => (id === bad.reportId ? { status: 400, headers: {}, body: '{"message":"results: too many"}' } : ok))
    const delivery = await deliver(host, clock, target(transport), fresh)
    expect(delivery.newReportDelivered).toBe(true)
    expect(delivery.setAside).toEqual([{ file: expect.stringContaining(bad.reportId), reason: 'results: too many' }])
    expect(await readdir(`${spoolDir(host)}/rejected`)).toHaveLength(1)
  })

  it('uploads redacted reports unless told not to', async () => {
    const host = testHost({ homeDir: await tempTree() })
    let body = ''
    const transport: Transport = async (_url, options) => {
      body = options.body ?? ''
      return ok
    }
    const report = await makeReport()
    await deliver(host, clock, target(transport), report)
    expect(body).toContain('[folder]/')
    await deliver(host, clock, { ...target(transport), redact: false }, report)
    expect(body).toContain('/media/usb/sao-luu')
  })
})
