/** The Zalo summary: eight plain lines at most, the device, the score and the three fixes to do first. */
import { describe, expect, it } from 'vitest'
import { renderSummary, SUMMARY_MAX_LINES } from '../../src/report/render-summary.js'
import { fiveFailuresFacts, healthyFacts } from '../helpers/facts.js'
import { reportInLang } from '../helpers/reports.js'

const unhealthy = fiveFailuresFacts

describe('renderSummary', () => {
  it('names the device, the score and the three most urgent fixes, in Vietnamese', async () => {
    const report = await reportInLang(unhealthy(), 'vi', { unit: { code: 'UBND-P1', name: 'UBND phường' } })
    const lines = renderSummary(report, 'vi').trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(SUMMARY_MAX_LINES)
    expect(lines[0]).toBe('UBND phường · pc-ketoan (Debian GNU/Linux 13 (trixie)): kiểm tra an toàn thông tin ngày 29/11/2026')
    expect(lines[1]).toBe(`Điểm ${report.score.value}/100, xếp loại ${report.score.grade} · 5 mục cần xử lý`)
    expect(lines[2]).toBe('Cần làm trước:')
    // the critical failure first, then high ones in the report's order
    expect(lines[3]).toMatch(/^1\. Tài khoản và quyền truy cập: .*bob/)
    expect(lines[4]).toMatch(/^2\. /)
    expect(lines[5]).toMatch(/^3\. /)
    expect(lines[6]).toBe('…và 2 mục khác: chạy "hygiene check" trên máy để xem cách làm.')
  })

  it('says so when there is nothing to fix, in English', async () => {
    const text = renderSummary(await reportInLang(healthyFacts(), 'en'), 'en')
    expect(text).toBe(
      'pc-ketoan (Debian GNU/Linux 13 (trixie)): security check of 29/11/2026\n' +
        'Score 100/100, grade A · 0 to fix\n' +
        'Nothing to fix. Keep backing up and updating regularly.\n',
    )
  })

  it('keeps one line per fix, however the rule text is broken, and has no colour codes', async () => {
    const report = await reportInLang(unhealthy(), 'en')
    report.results[0]!.message = 'First line\nsecond line. Another sentence.'
    const lines = renderSummary(report, 'en').trimEnd().split('\n')
    expect(lines[3]).toBe('1. Accounts and access: First line second line.')
    expect(lines.join('\n')).not.toMatch(/\u001b\[/)
  })

  it('counts the checks that could not be carried out apart from the fixes', async () => {
    const report = await reportInLang(healthyFacts(), 'en')
    report.results[0] = { ...report.results[0]!, status: 'error', message: 'Could not be checked.' }
    const lines = renderSummary(report, 'en').trimEnd().split('\n')
    expect(lines.at(-1)).toBe('1 check(s) could not be carried out.')
    expect(lines[1]).toContain('0 to fix')
  })
})
