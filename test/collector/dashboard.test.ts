/** The dashboard through real HTTP, on SQLite and on PostgreSQL: login, pages, exports, restrictions, escaping. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { XLSX_FILE } from '../../src/collector/dashboard/exports.js'
import { html, SafeHtml } from '../../src/collector/dashboard/html.js'
import { LOGIN_CSRF_COOKIE } from '../../src/collector/dashboard/http.js'
import { SESSION_COOKIE } from '../../src/collector/server/app.js'
import { DB_KINDS, noPostgres } from '../helpers/databases.js'
import {
  ADMIN,
  hiddenCsrf,
  postLogin,
  seedWard,
  setCookiePair,
  signIn,
  UNITS,
  VIEWER,
  type SeededWard,
} from '../helpers/dashboard.js'
import { tempTree } from '../helpers/temp-tree.js'
import { unzipText } from '../helpers/zip.js'

async function get(ward: SeededWard, path: string, cookie?: string) {
  const headers: Record<string, string> = cookie ? { cookie } : {}
  const response = await fetch(`${ward.collector.url}${path}`, { redirect: 'manual', headers })
  return { status: response.status, headers: response.headers, text: await response.text(), response }
}

/** The unit codes of the units table, top to bottom. */
const tableCodes = (page: string) =>
  [...page.matchAll(/<tr>\n<td><a href="\/units\/([^"]+)">/g)].map((match) => match[1])

describe('html template', () => {
  it('escapes every interpolation, keeps markup built by html, and renders 0 but not false or null', () => {
    const inner = html`<b>${'a&b'}</b>`
    const out = html`<p title="${'"x\''}">${'<i>'}${inner}${[1, html`<br>`, '<']}${0}${false}${null}</p>`
    expect(out.markup).toBe('<p title="&quot;x&#39;">&lt;i&gt;<b>a&amp;b</b>1<br>&lt;0</p>')
    expect(html`${new SafeHtml('<hr>')}`.markup).toBe('<hr>')
  })
})

describe.each(DB_KINDS)('dashboard on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    it('sends a visitor who is not signed in to the login page', async () => {
      const ward = await seedWard(kind)
      for (const path of ['/', `/units/${UNITS.school.code}`, `/devices/${ward.poorDevice}`, '/export/units.csv']) {
        const response = await get(ward, path)
        const answer = { path, status: response.status, location: response.headers.get('location') }
        expect(answer).toEqual({ path, status: 303, location: '/login' })
      }
    })

    it('signs in with the right password and sets a strict session cookie', async () => {
      const ward = await seedWard(kind)
      const form = await get(ward, '/login')
      expect(form.status).toBe(200)
      expect(form.text).toContain('Đăng nhập')
      const csrfCookie = new RegExp(`^${LOGIN_CSRF_COOKIE}=[^;]+; Path=/; HttpOnly; SameSite=Strict$`)
      expect(form.headers.get('set-cookie')).toMatch(csrfCookie)
      const response = await postLogin(ward.collector.url, ADMIN.name, ADMIN.password)
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toBe('/')
      const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
      expect(session).toMatch(/^hygiene_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/)
      const page = await get(ward, '/', setCookiePair(response, SESSION_COOKIE)!)
      expect(page.status).toBe(200)
      expect(page.text).toContain(ADMIN.name)
    })

    it('marks the cookies Secure when the collector serves HTTPS', async () => {
      const dir = await tempTree()
      const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')]
      const request = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1']
      await execa('openssl', [...request, '-keyout', key, '-out', cert])
      const ward = await seedWard(kind, { https: { cert: await readFile(cert), key: await readFile(key) } })
      const { app } = ward.collector
      const form = await app.inject({ method: 'GET', url: '/login' })
      const csrfCookie = String(form.headers['set-cookie'])
      expect(csrfCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/)
      const login = await app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie: csrfCookie.split(';')[0]!, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ csrf: hiddenCsrf(form.body), ...ADMIN }).toString(),
      })
      expect(login.statusCode).toBe(303)
      const session = /^hygiene_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Secure$/
      expect(login.headers['set-cookie']).toContainEqual(expect.stringMatching(session))
    })

    it('answers a wrong password and an unknown name alike, with 401 and the form again', async () => {
      const ward = await seedWard(kind)
      for (const [name, password] of [[ADMIN.name, 'not-the-password'], ['khong-co-ai', ADMIN.password]] as const) {
        const response = await postLogin(ward.collector.url, name, password)
        const page = await response.text()
        expect(response.status).toBe(401)
        expect(page).toContain('Sai tên đăng nhập hoặc mật khẩu.')
        expect(page).toContain('action="/login"')
        expect(setCookiePair(response, SESSION_COOKIE)).toBeNull()
      }
    })

    it('refuses a login without a matching CSRF token', async () => {
      const ward = await seedWard(kind)
      const form = await fetch(`${ward.collector.url}/login`)
      const cookie = setCookiePair(form, LOGIN_CSRF_COOKIE)!
      const token = hiddenCsrf(await form.text())
      const credentials = { name: ADMIN.name, password: ADMIN.password }
      const attempts: Array<{ headers: Record<string, string>; body: URLSearchParams }> = [
        { headers: { cookie }, body: new URLSearchParams(credentials) },
        { headers: {}, body: new URLSearchParams({ ...credentials, csrf: token }) },
        { headers: { cookie }, body: new URLSearchParams({ ...credentials, csrf: `${token}x` }) },
      ]
      for (const attempt of attempts) {
        const response = await fetch(`${ward.collector.url}/login`, { method: 'POST', redirect: 'manual', ...attempt })
        expect(response.status).toBe(403)
        expect(await response.text()).toContain('Biểu mẫu bị từ chối')
        expect(setCookiePair(response, SESSION_COOKIE)).toBeNull()
      }
    })

    it('limits login attempts per address', async () => {
      const ward = await seedWard(kind)
      const statuses = []
      for (let attempt = 0; attempt < 11; attempt++) {
        statuses.push((await postLogin(ward.collector.url, ADMIN.name, 'wrong-password')).status)
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429])
    })

    it('sets the security headers on every page, errors included', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      for (const path of ['/login', '/', `/units/${UNITS.school.code}`, '/units/KHONG-CO', '/export/units.csv']) {
        const { headers } = await get(ward, path, path === '/login' ? undefined : cookie)
        const csp = headers.get('content-security-policy') ?? ''
        expect(csp).toContain("default-src 'none'")
        expect(csp).toMatch(/style-src 'sha256-[\w+/=]+'/)
        expect(csp).toContain('img-src data:')
        expect(csp).toContain("form-action 'self'")
        expect(csp).toContain("frame-ancestors 'none'")
        expect(headers.get('x-content-type-options')).toBe('nosniff')
        expect(headers.get('referrer-policy')).toBe('no-referrer')
      }
    })

    it('renders a bad request as a small page, never a stack trace', async () => {
      const ward = await seedWard(kind)
      const response = await fetch(`${ward.collector.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":',
      })
      const page = await response.text()
      expect(response.status).toBe(400)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(page).toContain('Đã xảy ra lỗi')
      expect(page).not.toMatch(/\bat .+:\d+:\d+/)
    })

    it('shows the units table in Vietnamese, or in English once asked, and remembers the choice', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      const vi = await get(ward, '/', cookie)
      expect(vi.text).toContain('<html lang="vi">')
      expect(vi.text).toContain('Bảng điểm các đơn vị')
      expect(vi.text).toContain(`<a href="/units/THCS-01">${UNITS.school.name}</a>`)
      expect(vi.text).toContain('<td class="num">1/2</td>')
      expect(vi.text).toContain('href="/?lang=en"')
      const en = await get(ward, '/?lang=en', cookie)
      expect(en.text).toContain('<html lang="en">')
      expect(en.text).toContain('Unit scores')
      expect(en.text).toContain(UNITS.school.name)
      const remembered = setCookiePair(en.response, 'hygiene_lang')
      expect(remembered).toBe('hygiene_lang=en')
      expect((await get(ward, '/', `${cookie}; ${remembered}`)).text).toContain('Unit scores')
    })

    it('sorts the units, the ones behind first by default, by any column on request', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      // No report at all counts as the furthest behind; ties go by code.
      const order = async (query: string) => tableCodes((await get(ward, `/${query}`, cookie)).text)
      expect(await order('')).toEqual(['TDP-3', 'UBND', 'XSS-1', 'THCS-01', 'BAN-NA'])
      expect(await order('?sort=score&dir=desc')).toEqual(['BAN-NA', 'THCS-01', 'TDP-3', 'UBND', 'XSS-1'])
      expect(await order('?sort=code&dir=asc')).toEqual(['BAN-NA', 'TDP-3', 'THCS-01', 'UBND', 'XSS-1'])
      expect(await order('?sort=devices&dir=desc')).toEqual(['THCS-01', 'BAN-NA', 'TDP-3', 'UBND', 'XSS-1'])
      expect(await order('?sort=reporting&dir=asc')).toEqual(['TDP-3', 'UBND', 'XSS-1', 'THCS-01', 'BAN-NA'])
      expect(await order('?sort=nonsense')).toEqual(await order(''))
      const byScore = (await get(ward, '/?sort=score&dir=asc', cookie)).text
      expect(byScore).toContain('aria-sort="ascending"><a href="/?sort=score&amp;dir=desc">')
      expect(byScore).toContain('href="/export/units.csv?sort=score&amp;dir=asc"')
    })

    it('shows a unit with its PCs, its most failed checks and its weekly trend', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      const page = await get(ward, '/units/thcs-01', cookie)
      expect(page.status).toBe(200)
      expect(page.text).toContain(`<h1>${UNITS.school.name} (THCS-01)</h1>`)
      expect(page.text).toContain(`<a href="/devices/${ward.poorDevice}">PC-KETOAN</a>`)
      expect(page.text).toContain(`<a href="/devices/${ward.healthyDevice}">PC-VANTHU</a>`)
      expect(ward.poorScored.failedRules.length).toBeGreaterThan(0)
      for (const rule of ward.poorScored.failedRules) expect(page.text).toContain(`<li>${rule}: 1 máy</li>`)
      expect(page.text).toContain('<td>2026-11-16</td>')
      expect(page.text).toContain('<td>2026-11-23</td>')
      // Two weeks, two points.
      const sparkline = /<svg class="trend" role="img"[^>]*>\n<polyline [^>]*points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/
      expect(page.text).toMatch(sparkline)
      expect(page.text).toContain('Windows 11 Pro')
      expect((await get(ward, '/units/KHONG-CO', cookie)).status).toBe(404)
    })

    it('shows a PC\'s latest report with status symbols and what to do', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      const page = await get(ward, `/devices/${ward.poorDevice}`, cookie)
      expect(page.status).toBe(200)
      expect(page.text).toContain('<h1>PC-KETOAN</h1>')
      expect(page.text).toContain(`Điểm: ${ward.poorScored.score}/100`)
      expect(page.text).toContain('<span class="symbol" aria-hidden="true">✗</span><strong lang="vi">KHÔNG ĐẠT')
      expect(page.text).toContain('<span class="symbol" aria-hidden="true">✓</span><strong lang="vi">ĐẠT')
      expect(page.text).toContain('Cách khắc phục:')
      expect((await get(ward, '/devices/00000000-0000-0000-0000-000000000000', cookie)).status).toBe(404)
    })

    it('shows a viewer its own unit only, in pages and exports', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, VIEWER)
      expect(tableCodes((await get(ward, '/', cookie)).text)).toEqual(['THCS-01'])
      expect((await get(ward, `/units/${VIEWER.unit}`, cookie)).status).toBe(200)
      const other = await get(ward, `/units/${UNITS.village.code}`, cookie)
      expect(other.status).toBe(403)
      expect(other.text).toContain('Tài khoản này chỉ được xem đơn vị của mình (THCS-01).')
      expect(other.text).not.toContain(UNITS.village.name)
      expect((await get(ward, '/units/KHONG-CO', cookie)).status).toBe(403)
      expect((await get(ward, `/devices/${ward.villageDevice}`, cookie)).status).toBe(403)
      expect((await get(ward, `/devices/${ward.poorDevice}`, cookie)).status).toBe(200)
      const csv = (await get(ward, '/export/units.csv', cookie)).text
      expect(csv.trim().split('\r\n').map((line) => line.split(',')[0])).toEqual(['code', 'THCS-01'])
      const response = await fetch(`${ward.collector.url}/export/units.xlsx`, { headers: { cookie } })
      const sheet = unzipText(Buffer.from(await response.arrayBuffer()))
      const text = [...sheet.values()].join('\n')
      expect(text).toContain(UNITS.school.name)
      expect(text).not.toContain(UNITS.village.name)
    })

    it('exports the units table as CSV: BOM, header, Vietnamese intact, no formula', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      const response = await fetch(`${ward.collector.url}/export/units.csv?sort=code&dir=asc`, { headers: { cookie } })
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="hygiene-units-2026-11-29.csv"')
      const bytes = Buffer.from(await response.arrayBuffer())
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = bytes.subarray(3).toString('utf8').split('\r\n')
      expect(lines[0]).toBe('code,name,score,devices,reporting7d,stale,criticalFailures,topFailedRules')
      const codes = lines.map((line) => line.split(',')[0])
      expect(codes).toEqual(['code', 'BAN-NA', 'TDP-3', 'THCS-01', 'UBND', 'XSS-1', ''])
      const { score, criticalFailures, failedRules } = ward.poorScored
      const failed = failedRules.map((rule) => `${rule} (1)`).join('; ')
      expect(lines).toContain(`THCS-01,${UNITS.school.name},${(100 + score) / 2},2,1,0,${criticalFailures},${failed}`)
      expect(lines).toContain("TDP-3,'=1+1 Tổ dân phố 3,,0,0,0,0,")
    })

    it('exports the units table as XLSX, every name a text cell', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      const response = await fetch(`${ward.collector.url}/export/units.xlsx?lang=en`, { headers: { cookie } })
      expect(response.headers.get('content-type')).toBe(XLSX_FILE.type)
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="hygiene-units-2026-11-29.xlsx"')
      const entries = unzipText(Buffer.from(await response.arrayBuffer()))
      const text = [...entries.values()].join('\n')
      for (const name of [UNITS.school.name, UNITS.village.name, 'Most failed checks']) expect(text).toContain(name)
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(text).toContain('=1+1 Tổ dân phố 3')
      expect(text).not.toMatch(/<f>/)
    })

    it('logs out only with the session\'s CSRF token, and the session is gone', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      const token = hiddenCsrf((await get(ward, '/', cookie)).text)
      const logout = (body: Record<string, string>) =>
        fetch(`${ward.collector.url}/logout`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie },
          body: new URLSearchParams(body),
        })
      expect((await logout({})).status).toBe(403)
      expect((await logout({ csrf: 'guess' })).status).toBe(403)
      expect((await get(ward, '/', cookie)).status).toBe(200)
      const done = await logout({ csrf: token })
      expect(done.status).toBe(303)
      expect(done.headers.get('location')).toBe('/login')
      expect(done.headers.getSetCookie()).toContain(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`)
      expect((await get(ward, '/', cookie)).status).toBe(303)
    })

    it('shows a unit named like a script as text', async () => {
      const ward = await seedWard(kind)
      const cookie = await signIn(ward.collector.url, ADMIN)
      for (const path of ['/', `/units/${UNITS.hostile.code}`]) {
        const page = (await get(ward, path, cookie)).text
        expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
        expect(page).not.toContain('<script>')
      }
    })
  })
})
