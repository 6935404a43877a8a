/** The printable HTML report's content, in both languages, and its promise of being one inert file. */
import { describe, expect, it } from 'vitest'
import { escape, renderHtml } from '../../src/report/render-html.js'
import { account, accountsFacts, backupFacts, firewallFacts, healthyFacts } from '../helpers/facts.js'
import { reportInLang } from '../helpers/reports.js'

const unhealthy = () => ({
  ...healthyFacts(),
  accounts: accountsFacts([account(), account({ name: 'bob', hasPassword: false, emptyPassword: true })]),
  backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }),
  firewall: firewallFacts({ profiles: [{ name: 'ufw', enabled: false }] }),
})

/** Visible text of a fragment: tags dropped, entities decoded. */
const textOf = (html: string): string =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_whole, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ')

describe('renderHtml', () => {
  it('heads the page with unit, device, user, date and version, and shows the score and grade', async () => {
    const report = await reportInLang(unhealthy(), 'vi', { user: 'ketoan', unit: { code: 'UBND-P1', name: 'UBND phường' } })
    const html = renderHtml(report, 'vi')
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/)
    const text = textOf(html)
    for (const fragment of [
      'Đơn vị UBND phường (UBND-P1)',
      'Máy tính pc-ketoan',
      'Tài khoản người dùng ketoan',
      'Thời điểm kiểm tra 12:00 29 thg 11, 2026',
      'Công cụ kiểm tra hygiene 1.2.3',
      `Mã báo cáo ${report.reportId}`,
      `Xếp loại ${report.score.grade}`,
    ]) {
      expect(text).toContain(fragment)
    }
    expect(html).toContain(`>${report.score.value}</text>`)
  })

  it('lists failing checks first with their remediation, passed ones collapsed, then the signature blocks', async () => {
    const report = await reportInLang(unhealthy(), 'vi')
    const html = renderHtml(report, 'vi')
    const failing = report.results.filter((result) => result.status === 'fail')
    expect(failing.length).toBe(3)
    const details = html.indexOf('<details>')
    for (const result of failing) {
      const at = html.indexOf(escape(result.title))
      expect(at).toBeGreaterThan(0)
      expect(at).toBeLessThan(details)
      expect(textOf(html)).toContain(textOf(escape(result.remediation!.trim())))
    }
    const passed = report.results.find((result) => result.status === 'pass')!
    expect(html.indexOf(escape(passed.title))).toBeGreaterThan(details)
    expect(html).not.toContain('<details open')
    const text = textOf(html)
    expect(text).toContain('Người kiểm tra (Ký, ghi rõ họ tên)')
    expect(text).toContain('Thủ trưởng đơn vị (Ký, ghi rõ họ tên)')
    expect(text.indexOf('Thủ trưởng đơn vị')).toBeGreaterThan(text.indexOf('Cần xử lý (3)'))
  })

  it('is in English with --lang en, and says when the unit and user are not recorded', async () => {
    const text = textOf(renderHtml(await reportInLang(unhealthy(), 'en'), 'en'))
    expect(text).toContain('Computer security check report')
    expect(text).toContain('Unit not recorded')
    expect(text).toContain('User account not recorded')
    expect(text).toContain('Needs attention (3)')
    expect(text).toContain('Checked by (signature and full name)')
  })

  it('needs no script and loads nothing, and shows rule text as text, never as markup', async () => {
    const report = await reportInLang(unhealthy(), 'en')
    report.results[0]!.title = '<img src="https://evil.example/x.png" onerror="alert(1)">'
    report.device.hostname = '<script>alert(1)</script>'
    const html = renderHtml(report, 'en')
    expect(html).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\son\w+=/i)
    expect(html).not.toMatch(/(src|href)="https?:/i)
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
  })

  it('draws the gauge arc and each category bar to scale', async () => {
    const report = await reportInLang(unhealthy(), 'en')
    const html = renderHtml(report, 'en')
    const half = Math.PI * 80
    expect(html).toContain(`stroke-dasharray="${((half * report.score.value) / 100).toFixed(1)} ${half.toFixed(1)}"`)
    const backup = report.score.categories.find((category) => category.category === 'backup')!
    expect(backup.value).toBe(0)
    expect(html).toMatch(/<span>Backup<\/span><svg[^>]*><rect width="100" height="4" fill="#e3e6ea"\/><rect width="0" /)
  })
})
