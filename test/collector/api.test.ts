/** The collector's HTTP API through real HTTP, on SQLite and on PostgreSQL. */
import { describe, expect, it } from 'vitest'
import { createEnrollCode } from '../../src/collector/store/enrollment.js'
import { addUnit } from '../../src/collector/store/units.js'
import { addUser, createApiKey } from '../../src/collector/store/users.js'
import { startCollector, type RunningCollector } from '../helpers/collector.js'
import { DB_KINDS, noPostgres } from '../helpers/databases.js'
import { backupFacts } from '../helpers/facts.js'
import { makeReport } from '../helpers/reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const DEVICE = { id: 'a'.repeat(32), hostname: 'PC-KETOAN', os: { platform: 'windows', name: 'Windows 11 Pro' } }

async function post(collector: RunningCollector, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers }
}

async function get(collector: RunningCollector, path: string, key?: string) {
  const response = await fetch(`${collector.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })
  return { status: response.status, body: (await response.json()) as unknown }
}

async function enrolled(collector: RunningCollector, unit = 'THCS-01') {
  const { db } = collector.deps
  await addUnit(db, unit, `Đơn vị ${unit}`, NOW).catch(() => {})
  const { code } = await createEnrollCode(db, { unit, uses: 5, expiresAt: null }, NOW)
  const response = await post(collector, '/api/v1/enroll', { code, device: DEVICE })
  expect(response.status).toBe(201)
  return response.body as { deviceId: string; token: string; unit: string }
}

describe.each(DB_KINDS)('collector API on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    it('enrolls a device and accepts its report once, rescored', async () => {
      const collector = await startCollector(kind)
      const { token, unit } = await enrolled(collector)
      expect(unit).toBe('THCS-01')
      const report = await makeReport()
      const first = await post(collector, '/api/v1/reports', report, { authorization: `Bearer ${token}` })
      expect(first).toMatchObject({ status: 202, body: { reportId: report.reportId, status: 'stored', score: 100, scoreMismatch: false } })
      const again = await post(collector, '/api/v1/reports', report, { authorization: `Bearer ${token}` })
      expect(again).toMatchObject({ status: 202, body: { status: 'duplicate' } })
    })

    it('scores a forged report from its results, not from its claim', async () => {
      const collector = await startCollector(kind)
      const { token } = await enrolled(collector)
      const honest = await makeReport({ facts: { backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null }) } })
      const forged = { ...honest, score: { ...honest.score, value: 100, grade: 'A' } }
      const response = await post(collector, '/api/v1/reports', forged, { authorization: `Bearer ${token}` })
      expect(response.body).toMatchObject({ score: honest.score.value, scoreMismatch: true })
      expect(honest.score.value).toBeLessThan(100)
    })

    it('dates a report from a clock far ahead when it arrived, so it cannot stay the latest for ever', async () => {
      const collector = await startCollector(kind)
      const { token } = await enrolled(collector)
      const future = await makeReport({ generatedAt: '2030-01-01T00:00:00.000Z' })
      const slightlyAhead = await makeReport({ generatedAt: '2026-11-29T08:05:00.000Z' })
      for (const report of [future, slightlyAhead]) {
        expect((await post(collector, '/api/v1/reports', report, { authorization: `Bearer ${token}` })).status).toBe(202)
      }
      const rows = await collector.deps.db.selectFrom('reports').select(['report_id', 'generated_at', 'body']).execute()
      const dated = Object.fromEntries(rows.map((row) => [row.report_id, row.generated_at]))
      expect(dated).toEqual({ [future.reportId]: NOW.toISOString(), [slightlyAhead.reportId]: '2026-11-29T08:05:00.000Z' })
      // The body keeps what the PC said; the later report is the device's latest.
      expect(String(rows.find((row) => row.report_id === future.reportId)!.body)).toContain('2030-01-01T00:00:00.000Z')
      const latest = await collector.deps.db.selectFrom('device_latest').select('report_id').executeTakeFirstOrThrow()
      expect(latest.report_id).toBe(slightlyAhead.reportId)
    })

    it('takes the unit from the token, never from the report', async () => {
      const collector = await startCollector(kind)
      const { token } = await enrolled(collector, 'BAN-NA')
      const report = await makeReport()
      const claimed = { ...report, unit: { code: 'CA-PHUONG', name: 'Công an phường' } }
      expect((await post(collector, '/api/v1/reports', claimed, { authorization: `Bearer ${token}` })).status).toBe(202)
      const row = await collector.deps.db.selectFrom('reports').select('unit_code').executeTakeFirstOrThrow()
      expect(row.unit_code).toBe('BAN-NA')
    })

    it.each([
      ['no token', {}, undefined, 401, 'unauthorized'],
      ['an unknown token', {}, 'Bearer nope', 401, 'unauthorized'],
    ])('refuses a report with %s', async (_name, body, authorization, status, error) => {
      const collector = await startCollector(kind)
      const response = await post(collector, '/api/v1/reports', body, authorization ? { authorization } : {})
      expect(response).toMatchObject({ status, body: { error } })
    })

    it('answers bad requests with 4xx and a reason, never a stack trace', async () => {
      const collector = await startCollector(kind)
      const { token } = await enrolled(collector)
      const auth = { authorization: `Bearer ${token}` }
      const broken = await post(collector, '/api/v1/reports', '{"reportId":', auth)
      expect(broken.status).toBe(400)
      const contract = await post(collector, '/api/v1/reports', { reportId: 'x' }, auth)
      expect(contract.status).toBe(400)
      expect(String(contract.body.message)).toContain('reportId')
      const report = await makeReport()
      const twice = await post(collector, '/api/v1/reports', { ...report, results: [...report.results, report.results[0]] }, auth)
      expect(twice.status).toBe(400)
      expect(String(twice.body.message)).toContain('each rule appears once')
      const huge = await post(collector, '/api/v1/reports', 'a'.repeat(2_200_000), auth)
      expect(huge.status).toBe(413)
      const badCode = await post(collector, '/api/v1/enroll', { code: 'AAAA-BBBB-CCCC-DDDD', device: DEVICE })
      expect(badCode).toMatchObject({ status: 403, body: { error: 'badEnrollCode' } })
      const badDevice = await post(collector, '/api/v1/enroll', { code: 'AAAA-BBBB', device: { ...DEVICE, id: 'x' } })
      expect(badDevice.status).toBe(400)
      for (const response of [broken, contract, twice, huge, badCode, badDevice]) expect(JSON.stringify(response.body)).not.toMatch(/\bat .+:\d+:\d+/)
    })

    it('limits reports per device', async () => {
      const collector = await startCollector(kind, { limits: { perDevicePerMinute: 2, perIpPerMinute: 100 } })
      const { token } = await enrolled(collector)
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await post(collector, '/api/v1/reports', await makeReport(), { authorization: `Bearer ${token}` })).status)
      expect(statuses).toEqual([202, 202, 429])
    })

    it('serves the units table to users: all units to an admin, its own to a viewer', async () => {
      const collector = await startCollector(kind)
      const { db } = collector.deps
      const { token } = await enrolled(collector, 'THCS-01')
      await addUnit(db, 'BAN-NA', 'Bản Na', NOW)
      await post(collector, '/api/v1/reports', await makeReport(), { authorization: `Bearer ${token}` })
      await addUser(db, 'admin', 'admin', null, 'mật-khẩu-quản-trị', NOW)
      await addUser(db, 'gv', 'viewer', 'THCS-01', 'mật-khẩu-giáo-viên', NOW)
      const adminKey = await createApiKey(db, 'admin', NOW)
      const viewerKey = await createApiKey(db, 'gv', NOW)

      expect((await get(collector, '/api/v1/units')).status).toBe(401)
      const all = await get(collector, '/api/v1/units', adminKey)
      expect((all.body as Array<{ code: string }>).map((row) => row.code)).toEqual(['BAN-NA', 'THCS-01'])
      const own = await get(collector, '/api/v1/units', viewerKey)
      expect(own.body).toEqual([expect.objectContaining({ code: 'THCS-01', score: 100, devices: 1, reporting7d: 1 })])
      expect((await get(collector, '/api/v1/units/BAN-NA', viewerKey)).status).toBe(403)
      const detail = await get(collector, '/api/v1/units/thcs-01', viewerKey)
      expect(detail.body).toMatchObject({ code: 'THCS-01', trend: [{ week: '2026-11-23', score: 100, devices: 1 }] })
      const devices = await get(collector, '/api/v1/units/THCS-01/devices', adminKey)
      expect(devices.body).toEqual([expect.objectContaining({ hostname: 'PC-KETOAN', score: 100, stale: false, failedRules: [] })])
      expect((await get(collector, '/api/v1/units/NOPE', adminKey)).status).toBe(404)
    })

    it('reports health and metrics', async () => {
      const collector = await startCollector(kind)
      expect(await get(collector, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } })
      const { token } = await enrolled(collector)
      await post(collector, '/api/v1/reports', await makeReport(), { authorization: `Bearer ${token}` })
      const metrics = await (await fetch(`${collector.url}/metrics`)).text()
      expect(metrics).toContain('hygiene_reports_total{outcome="stored"} 1')
      expect(metrics).toContain('hygiene_enrollments_total 1')
    })
  })
})
