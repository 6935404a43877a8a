/** The channel in the dashboard, through real HTTP on SQLite and PostgreSQL: advisories, the incidents queue, who sees what. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { incidentReference } from '../../src/channel/schema.js'
import { recordIncident } from '../../src/collector/store/incidents.js'
import { DB_KINDS, noPostgres } from '../helpers/databases.js'
import { ADMIN, hiddenCsrf, seedWard, signIn, UNITS, VIEWER, type SeededWard } from '../helpers/dashboard.js'

const NOW = new Date('2026-11-29T08:00:00Z')

async function get(ward: SeededWard, path: string, cookie: string) {
  const response = await fetch(`${ward.collector.url}${path}`, { redirect: 'manual', headers: { cookie } })
  return { status: response.status, text: await response.text(), response }
}

async function post(ward: SeededWard, path: string, cookie: string, form: Record<string, string>) {
  const response = await fetch(`${ward.collector.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams(form) })
  return { status: response.status, location: response.headers.get('location'), text: await response.text() }
}

/** An incident from the village's PC, and one from the school's poor PC. */
async function incidents(ward: SeededWard) {
  const { db } = ward.collector.deps
  const file = async (deviceId: string, unitCode: string, hostname: string, description: string) => {
    const incidentId = randomUUID()
    await recordIncident(
      db,
      { id: deviceId, unitCode, hostname },
      { incidentId, kind: 'scam-call', occurredAt: null, description, moneyGiven: true, phone: '0912345678', reportedAt: NOW.toISOString(), lang: 'vi', agent: { version: '0.1.0' } },
      NOW,
    )
    return incidentReference(incidentId)
  }
  return {
    village: await file(ward.villageDevice, UNITS.village.code, 'PC-TRUONGBAN', 'Gọi giả danh <b>công an</b>'),
    school: await file(ward.poorDevice, UNITS.school.code, 'PC-KETOAN', 'Tin nhắn giả mạo nhà trường'),
  }
}

describe.each(DB_KINDS)('the channel in the dashboard on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    it('lets an admin send an advisory from the form, says it is plain text, and withdraw it', async () => {
      const ward = await seedWard(kind)
      const admin = await signIn(ward.collector.url, ADMIN)
      const page = await get(ward, '/advisories?lang=vi', admin)
      expect(page.status).toBe(200)
      expect(page.text).toContain('dạng chữ thuần: không bấm được đường link')
      const csrf = hiddenCsrf(page.text)
      const form = { csrf, title_vi: 'Cảnh giác <script>', body_vi: 'Xem https://vneid-gia.example', severity: 'critical', units: 'thcs-01', expires: '2026-12-31' }
      expect(await post(ward, '/advisories', admin, { ...form, csrf: 'wrong' })).toMatchObject({ status: 403 })
      expect(await post(ward, '/advisories', admin, form)).toMatchObject({ status: 303, location: '/advisories' })
      const listed = await get(ward, '/advisories?lang=vi', admin)
      expect(listed.text).toContain('Cảnh giác &lt;script&gt;')
      expect(listed.text).not.toContain('<a href="https://vneid-gia.example')
      expect(listed.text).toContain('THCS-01')
      expect(await post(ward, '/advisories/1/withdraw', admin, { csrf })).toMatchObject({ status: 303 })
      expect((await get(ward, '/advisories?lang=vi', admin)).text).toContain('đã thu hồi')
      const bad = await post(ward, '/advisories', admin, { ...form, expires: '2026-02-31' })
      expect(bad.status).toBe(400)
      expect(bad.text).toContain('expiresAt')
    })

    it('keeps advisories for admins only', async () => {
      const ward = await seedWard(kind)
      const viewer = await signIn(ward.collector.url, VIEWER)
      expect((await get(ward, '/advisories', viewer)).status).toBe(403)
      const page = await get(ward, '/', viewer)
      expect(page.text).toContain('href="/incidents"')
      expect(page.text).not.toContain('href="/advisories"')
    })

    it('shows admins every unit\'s incidents and a viewer only their own, escaped, with a CSV export', async () => {
      const ward = await seedWard(kind)
      const refs = await incidents(ward)
      const admin = await signIn(ward.collector.url, ADMIN)
      const all = await get(ward, '/incidents?lang=vi', admin)
      expect(all.text).toContain(refs.village)
      expect(all.text).toContain(refs.school)
      expect(all.text).toContain('Gọi giả danh &lt;b&gt;công an&lt;/b&gt;')
      expect(all.text).toContain('(đã chuyển tiền hoặc lộ mã OTP)')
      const filtered = await get(ward, `/incidents?unit=${UNITS.village.code}`, admin)
      expect(filtered.text).toContain(refs.village)
      expect(filtered.text).not.toContain(refs.school)

      const viewer = await signIn(ward.collector.url, VIEWER)
      const own = await get(ward, '/incidents', viewer)
      expect(own.text).toContain(refs.school)
      expect(own.text).not.toContain(refs.village)
      // The unit filter cannot widen a viewer's view, and another unit's incident is not found.
      expect((await get(ward, `/incidents?unit=${UNITS.village.code}`, viewer)).text).not.toContain(refs.village)
      expect((await get(ward, `/incidents/${refs.village}`, viewer)).status).toBe(404)
      const csv = await get(ward, '/export/incidents.csv', viewer)
      expect(csv.response.headers.get('content-disposition')).toBe('attachment; filename="hygiene-incidents-2026-11-29.csv"')
      expect(csv.text).toContain(refs.school)
      expect(csv.text).not.toContain(refs.village)
    })

    it('lets an admin move an incident through the queue, and records who and when; a viewer cannot', async () => {
      const ward = await seedWard(kind)
      const refs = await incidents(ward)
      const admin = await signIn(ward.collector.url, ADMIN)
      const page = await get(ward, `/incidents/${refs.school}?lang=vi`, admin)
      const csrf = hiddenCsrf(page.text)
      const moved = await post(ward, `/incidents/${refs.school}/status`, admin, { csrf, status: 'in_progress', note: 'Đã gọi lại' })
      expect(moved).toMatchObject({ status: 303, location: `/incidents/${refs.school}` })
      const after = await get(ward, `/incidents/${refs.school}?lang=vi`, admin)
      expect(after.text).toContain(`${ADMIN.name}: mới → đang xử lý · <span class="plain">Đã gọi lại</span>`)

      const viewer = await signIn(ward.collector.url, VIEWER)
      const viewerPage = await get(ward, `/incidents/${refs.school}`, viewer)
      expect(viewerPage.status).toBe(200)
      expect(viewerPage.text).not.toContain(`action="/incidents/${refs.school}/status"`)
      const viewerCsrf = hiddenCsrf(viewerPage.text)
      expect((await post(ward, `/incidents/${refs.school}/status`, viewer, { csrf: viewerCsrf, status: 'closed' })).status).toBe(403)
    })
  })
})
