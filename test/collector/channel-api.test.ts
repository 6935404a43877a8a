/** The channel's API for agents through real HTTP, on SQLite and PostgreSQL: advisories by unit, incidents once. */
import { describe, expect, it } from 'vitest'
import { AdvisoriesResponseSchema, incidentReference } from '../../src/channel/schema.js'
import { addAdvisory } from '../../src/collector/store/advisories.js'
import { createEnrollCode, enrollDevice, revokeDevice } from '../../src/collector/store/enrollment.js'
import { listIncidents } from '../../src/collector/store/incidents.js'
import { INCIDENTS_PER_DEVICE_PER_MINUTE } from '../../src/collector/server/channel-routes.js'
import { addUnit } from '../../src/collector/store/units.js'
import { startCollector, type RunningCollector } from '../helpers/collector.js'
import { advisoryInput as advisory, incidentBody as incident } from '../helpers/channel.js'
import { DB_KINDS, noPostgres } from '../helpers/databases.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const ADMIN = { name: 'admin', role: 'admin' as const, unit: null }

async function ward(kind: (typeof DB_KINDS)[number]) {
  const collector = await startCollector(kind)
  const { db } = collector.deps
  await addUnit(db, 'THCS-01', 'Trường THCS', NOW)
  await addUnit(db, 'UBND', 'UBND phường', NOW)
  const pc = async (unit: string, hostname: string) => {
    const { code } = await createEnrollCode(db, { unit, uses: 1, expiresAt: null }, NOW)
    return enrollDevice(db, code, { deviceKey: hostname, hostname, platform: 'windows', osName: 'Windows 11' }, NOW)
  }
  return { collector, db, school: await pc('THCS-01', 'PC-THUVIEN'), office: await pc('UBND', 'PC-MOTCUA') }
}

const call = (collector: RunningCollector, path: string, token: string, body?: unknown) =>
  fetch(`${collector.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe.each(DB_KINDS)('channel API on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    it('answers each PC the active advisories of its own unit and of all units', async () => {
      const { collector, db, school, office } = await ward(kind)
      const all = await addAdvisory(db, advisory({ titleEn: 'Beware of calls from fake police' }), 'admin', NOW)
      const schoolOnly = await addAdvisory(db, advisory({ titleVi: 'Ứng dụng học tập giả', units: ['THCS-01'] }), 'admin', NOW)
      const forSchool = AdvisoriesResponseSchema.parse(await (await call(collector, '/api/v1/advisories', school.token)).json())
      expect(forSchool.advisories.map((a) => a.id)).toEqual([schoolOnly.id, all.id])
      expect(forSchool.serverTime).toBe(NOW.toISOString())
      const forOffice = AdvisoriesResponseSchema.parse(await (await call(collector, '/api/v1/advisories', office.token)).json())
      expect(forOffice.advisories).toEqual([
        { id: all.id, title: { vi: all.title.vi, en: 'Beware of calls from fake police' }, body: { vi: all.body.vi, en: null }, severity: 'warning', startsAt: '2026-11-28T00:00:00.000Z', expiresAt: '2026-12-31T00:00:00.000Z' },
      ])
      expect((await call(collector, '/api/v1/advisories', 'not-a-token')).status).toBe(401)
    })

    it('stores an incident once, in the unit of the token, and answers the same reference again', async () => {
      const { collector, db, school } = await ward(kind)
      const sent = incident({ moneyGiven: true, phone: '0912 345 678' })
      const first = await call(collector, '/api/v1/incidents', school.token, sent)
      expect(first.status).toBe(202)
      expect(await first.json()).toEqual({ reference: incidentReference(sent.incidentId), duplicate: false })
      const again = await call(collector, '/api/v1/incidents', school.token, sent)
      expect(await again.json()).toEqual({ reference: incidentReference(sent.incidentId), duplicate: true })
      const stored = await listIncidents(db, ADMIN)
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({ unitCode: 'THCS-01', hostname: 'PC-THUVIEN', moneyGiven: true })
    })

    it('refuses a bad incident with a clear 400, a revoked PC with 401, and a flood with 429', async () => {
      const { collector, db, school, office } = await ward(kind)
      const tooLong = await call(collector, '/api/v1/incidents', school.token, incident({ description: 'x'.repeat(4_001) }))
      expect(tooLong.status).toBe(400)
      expect(await tooLong.json()).toMatchObject({ error: 'invalid_incident', message: expect.stringContaining('description') })
      const unknownKey = await call(collector, '/api/v1/incidents', school.token, { ...incident(), unit: 'UBND' })
      expect(unknownKey.status).toBe(400)
      const notJson = await fetch(`${collector.url}/api/v1/incidents`, { method: 'POST', headers: { authorization: `Bearer ${school.token}`, 'content-type': 'application/json' }, body: '{' })
      expect(notJson.status).toBe(400)
      expect(JSON.stringify(await notJson.json())).not.toMatch(/at .+:\d+:\d+/)

      await revokeDevice(db, office.deviceId, NOW)
      const revoked = await call(collector, '/api/v1/incidents', office.token, incident())
      expect(revoked.status).toBe(401)
      expect(await revoked.json()).toMatchObject({ error: 'revoked' })

      const statuses: number[] = []
      for (let i = 0; i < INCIDENTS_PER_DEVICE_PER_MINUTE + 1; i++) statuses.push((await call(collector, '/api/v1/incidents', school.token, incident())).status)
      // The two refused bodies above passed the token check, so they counted against the limit too.
      expect(statuses.at(-1)).toBe(429)
      expect(await listIncidents(db, ADMIN)).toHaveLength(statuses.filter((status) => status === 202).length)
    })
  })
})
