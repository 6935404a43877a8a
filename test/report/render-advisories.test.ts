/** The ward police's warnings in the text, HTML and summary reports: plain text, the reader's language, the score still last. */
import { describe, expect, it } from 'vitest'
import type { ShownAdvisories } from '../../src/channel/advisory-view.js'
import { renderHtml } from '../../src/report/render-html.js'
import { renderSummary, SUMMARY_MAX_LINES } from '../../src/report/render-summary.js'
import { renderText } from '../../src/report/render-text.js'
import { advisory } from '../helpers/channel-server.js'
import { fiveFailuresFacts, healthyFacts } from '../helpers/facts.js'
import { reportInLang } from '../helpers/reports.js'

const hostile = advisory({
  id: 7,
  severity: 'critical',
  title: { vi: '<script>alert(1)</script> Cảnh báo khẩn', en: null },
  body: { vi: 'Xem <a href="https://evil.example/otp">tại đây</a> & gọi ngay\n\u001b[31mdòng hai', en: null },
})

const shown = (overrides: Partial<ShownAdvisories> = {}): ShownAdvisories => ({
  advisories: [advisory(), hostile],
  fetchedAt: '2026-11-29T02:00:00.000Z',
  cached: false,
  ...overrides,
})

describe('advisories in the text report', () => {
  it('come before the score line, which stays last, with markup shown as text', async () => {
    const report = await reportInLang(healthyFacts(), 'en')
    const text = renderText(report, { lang: 'en', colorLevel: 0, width: 100 }, shown())
    const lines = text.trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^Score: 100\/100, grade A/)
    const heading = lines.indexOf('Warnings from the ward police (2)')
    expect(heading).toBeGreaterThan(lines.findIndex((line) => line.startsWith('Legend')))
    expect(lines[heading + 1]).toBe('[WARNING] Calls impersonating the police')
    expect(text).toContain('[URGENT] <script>alert(1)</script> Cảnh báo khẩn')
    expect(text).toContain('    Xem <a href="https://evil.example/otp">tại đây</a> & gọi ngay\n    [31mdòng hai')
    expect(text).not.toMatch(/\u001b/)
    expect(text).toMatch(/^Received on 29 Nov 2026, \d\d:\d\d\.$/m)
    expect(text).not.toContain('could not be reached')
  })

  it('mark saved ones with the date they were received, in Vietnamese', async () => {
    const report = await reportInLang(healthyFacts(), 'vi')
    const text = renderText(report, { lang: 'vi', colorLevel: 0, width: 200 }, shown({ cached: true }))
    expect(text).toContain('[CẢNH BÁO] Cảnh báo giả danh công an gọi điện')
    // The time of day follows the machine's time zone; the date and the warning do not.
    expect(text).toMatch(/Nhận lúc \d\d:\d\d 29 thg 11, 2026\. Lúc này không kết nối được máy chủ của phường/)
    expect(text).toContain('từ 20/11/2026 · đến 31/12/2026')
  })

  it('leave the report as it was when there are none', async () => {
    const report = await reportInLang(healthyFacts(), 'en')
    const options = { lang: 'en' as const, colorLevel: 0 as const, width: 100 }
    expect(renderText(report, options, shown({ advisories: [] }))).toBe(renderText(report, options))
  })
})

describe('advisories in the HTML report', () => {
  it('have a box of their own, with every field escaped and no link made', async () => {
    const report = await reportInLang(healthyFacts(), 'en')
    const html = renderHtml(report, 'en', shown({ cached: true }))
    expect(html).toContain('<section class="advisories">')
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; Cảnh báo khẩn')
    expect(html).toContain('&#60;a href=&#34;https://evil.example/otp&#34;&#62;tại đây&#60;/a&#62; &#38; gọi ngay')
    expect(html).not.toMatch(/<a\s/i)
    expect(html).not.toContain('<script')
    expect(html).not.toMatch(/\u001b/)
    expect(html).toMatch(/Received on 29 Nov 2026, \d\d:\d\d\. The ward collector could not be reached just now/)
    expect(renderHtml(report, 'en')).not.toContain('class="advisories"')
  })
})

describe('advisories in the summary', () => {
  const unhealthy = fiveFailuresFacts

  it('give one line to the newest, dropping the "more" line to stay within eight', async () => {
    const report = await reportInLang(unhealthy(), 'vi')
    report.results[0] = { ...report.results[0]!, status: 'error', message: 'Không kiểm tra được.' }
    const without = renderSummary(report, 'vi').trimEnd().split('\n')
    expect(without).toHaveLength(SUMMARY_MAX_LINES)
    const newer = { ...hostile, startsAt: '2026-11-28T00:00:00.000Z' }
    const lines = renderSummary(report, 'vi', shown({ advisories: [advisory(), newer] })).trimEnd().split('\n')
    expect(lines).toHaveLength(SUMMARY_MAX_LINES)
    expect(lines.some((line) => line.startsWith('…và'))).toBe(false)
    expect(lines.at(-1)).toBe('Cảnh báo của Công an: <script>alert(1)</script> Cảnh báo khẩn')
  })

  it('say when the newest was received if it comes from the saved copy, in English when written', async () => {
    const text = renderSummary(await reportInLang(healthyFacts(), 'en'), 'en', shown({ advisories: [advisory()], cached: true }))
    expect(text.trimEnd().split('\n').at(-1)).toBe('Police warning (received 29/11/2026): Calls impersonating the police')
  })
})
