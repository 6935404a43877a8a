/** Advisories and incidents in the collector's data layer, the same suite on SQLite and on PostgreSQL. */
import { describe, expect, it } from 'vitest'
import { incidentReference } from '../../src/channel/schema.js'
import {
  activeAdvisories,
  addAdvisory,
  editAdvisory,
  listAdvisories,
  withdrawAdvisory,
} from '../../src/collector/store/advisories.js'
import { rescore } from '../../src/collector/rescore.js'
import { createEnrollCode, deviceByToken, enrollDevice, revokeDevice } from '../../src/collector/store/enrollment.js'
import { findIncident, listIncidents, recordIncident, setIncidentStatus } from '../../src/collector/store/incidents.js'
import { ingestReport, pruneReports } from '../../src/collector/store/reports.js'
import { addUnit } from '../../src/collector/store/units.js'
import type { User } from '../../src/collector/store/users.js'
import { advisoryInput as advisory, incidentBody as incident } from '../helpers/channel.js'
import { DB_KINDS, freshDatabase, noPostgres } from '../helpers/databases.js'
import { builtinWeights, makeReport } from '../helpers/reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const ADMIN: User = { name: 'trungta', role: 'admin', unit: null }
const DEVICE = { deviceKey: 'k', hostname: 'pc', platform: 'linux', osName: 'Debian' }
const SCHOOL_VIEWER: User = { name: 'hieutruong', role: 'viewer', unit: 'THCS-01' }

describe.each(DB_KINDS)('channel store on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    async function ward() {
      const { db } = await freshDatabase(kind)
      await addUnit(db, 'THCS-01', 'Trường THCS', NOW)
      await addUnit(db, 'UBND', 'UBND phường', NOW)
      return db
    }

    it('shows a PC the advisories for all units and for its own, only while active', async () => {
      const db = await ward()
      const all = await addAdvisory(db, advisory(), ADMIN.name, NOW)
      const schoolOnly = await addAdvisory(db, advisory({ titleVi: 'Ứng dụng học tập giả', units: ['thcs-01'] }), ADMIN.name, NOW)
      await addAdvisory(db, advisory({ titleVi: 'Chưa bắt đầu', startsAt: '2026-12-01T00:00:00Z' }), ADMIN.name, NOW)
      await addAdvisory(db, advisory({ titleVi: 'Đã hết hạn', expiresAt: '2026-11-29T07:59:59Z' }), ADMIN.name, NOW)
      expect(schoolOnly.units).toEqual(['THCS-01'])
      expect((await activeAdvisories(db, 'THCS-01', NOW)).map((a) => a.id)).toEqual([schoolOnly.id, all.id])
      expect((await activeAdvisories(db, 'UBND', NOW)).map((a) => a.id)).toEqual([all.id])
      expect(await activeAdvisories(db, 'UBND', new Date('2026-12-31T00:00:00Z'))).toEqual([])
    })

    it('edits and withdraws an advisory, keeping it on record, and refuses unknown units and ids', async () => {
      const db = await ward()
      const created = await addAdvisory(db, advisory(), ADMIN.name, NOW)
      const later = new Date('2026-11-29T09:00:00Z')
      const edited = await editAdvisory(db, created.id, advisory({ units: ['UBND'], severity: 'critical' }), 'phoTruong', later)
      expect(edited).toMatchObject({ units: ['UBND'], severity: 'critical', updatedBy: 'phoTruong', createdBy: 'trungta' })
      expect(await activeAdvisories(db, 'THCS-01', later)).toEqual([])
      const withdrawn = await withdrawAdvisory(db, created.id, ADMIN.name, later)
      expect(withdrawn.withdrawnAt).toBe(later.toISOString())
      expect(await activeAdvisories(db, 'UBND', later)).toEqual([])
      expect(await listAdvisories(db)).toHaveLength(1)
      await expect(addAdvisory(db, advisory({ units: ['NOPE'] }), ADMIN.name, NOW)).rejects.toMatchObject({ code: 'unknownUnit' })
      await expect(withdrawAdvisory(db, 999, ADMIN.name, NOW)).rejects.toMatchObject({ code: 'unknownAdvisory' })
    })

    it('stores an incident once, with the unit of its device, and gives the same reference again', async () => {
      const db = await ward()
      const { code } = await createEnrollCode(db, { unit: 'THCS-01', uses: 1, expiresAt: null }, NOW)
      const enrolled = await enrollDevice(db, code, { deviceKey: 'k', hostname: 'pc-thuvien', platform: 'windows', osName: 'Windows 11' }, NOW)
      const device = { id: enrolled.deviceId, unitCode: 'THCS-01', hostname: 'pc-thuvien' }
      const sent = incident({ phone: '0912 345 678' })
      expect(await recordIncident(db, device, sent, NOW)).toEqual({ reference: incidentReference(sent.incidentId), duplicate: false })
      expect(await recordIncident(db, device, sent, NOW)).toEqual({ reference: incidentReference(sent.incidentId), duplicate: true })
      const queue = await listIncidents(db, ADMIN)
      expect(queue).toHaveLength(1)
      expect(queue[0]).toMatchObject({ unitCode: 'THCS-01', hostname: 'pc-thuvien', status: 'new', moneyGiven: false, phone: '0912 345 678' })
    })

    it('moves an incident through the queue, recording who did what, and hides other units from a viewer', async () => {
      const db = await ward()
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
      const enrolled = await enrollDevice(db, code, { deviceKey: 'k', hostname: 'pc-motcua', platform: 'windows', osName: 'Windows 10' }, NOW)
      const sent = incident({ kind: 'account', moneyGiven: true })
      const ack = await recordIncident(db, { id: enrolled.deviceId, unitCode: 'UBND', hostname: 'pc-motcua' }, sent, NOW)
      if (ack === 'revoked') throw new Error('the device is active')
      const { reference } = ack
      const later = new Date('2026-11-29T10:00:00Z')
      await setIncidentStatus(db, ADMIN, reference, 'in_progress', 'Đã gọi lại cho chị Lan', later)
      await setIncidentStatus(db, ADMIN, reference.toLowerCase(), 'closed', null, new Date('2026-11-30T10:00:00Z'))
      const { incident: stored, events } = await findIncident(db, ADMIN, reference)
      expect(stored.status).toBe('closed')
      expect(events).toEqual([
        { at: later.toISOString(), user: 'trungta', from: 'new', to: 'in_progress', note: 'Đã gọi lại cho chị Lan' },
        { at: '2026-11-30T10:00:00.000Z', user: 'trungta', from: 'in_progress', to: 'closed', note: null },
      ])
      expect(await listIncidents(db, SCHOOL_VIEWER)).toEqual([])
      await expect(findIncident(db, SCHOOL_VIEWER, reference)).rejects.toMatchObject({ code: 'incidentNotVisible' })
      await expect(setIncidentStatus(db, SCHOOL_VIEWER, reference, 'new', null, later)).rejects.toMatchObject({ code: 'incidentNotVisible' })
      expect(await listIncidents(db, { name: 'ubnd', role: 'viewer', unit: 'UBND' })).toHaveLength(1)
      expect(await listIncidents(db, ADMIN, { status: 'new' })).toEqual([])
    })

    it('refuses an incident from a device revoked meanwhile', async () => {
      const db = await ward()
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
      const enrolled = await enrollDevice(db, code, DEVICE, NOW)
      await revokeDevice(db, enrolled.deviceId, NOW)
      expect(await recordIncident(db, { id: enrolled.deviceId, unitCode: 'UBND', hostname: 'pc' }, incident(), NOW)).toBe('revoked')
      expect(await listIncidents(db, ADMIN)).toEqual([])
    })

    it('never prunes incidents with the reports', async () => {
      const db = await ward()
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
      const device = (await deviceByToken(db, (await enrollDevice(db, code, DEVICE, NOW)).token))!
      const weights = await builtinWeights()
      for (const generatedAt of ['2025-01-10T00:00:00.000Z', '2026-11-28T00:00:00.000Z']) {
        const report = await makeReport({ generatedAt })
        await ingestReport(db, device, report, rescore(report, weights), NOW)
      }
      await recordIncident(db, { id: device.id, unitCode: 'UBND', hostname: 'pc' }, incident({ reportedAt: '2025-01-10T00:00:00Z' }), new Date('2025-01-10T00:00:00Z'))
      expect(await pruneReports(db, NOW, 30)).toBe(1)
      expect(await listIncidents(db, ADMIN)).toHaveLength(1)
    })
  })
})
