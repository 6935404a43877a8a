import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import { evaluateRules } from '../../src/engine/evaluate.js'
import { planRules } from '../../src/engine/plan.js'
import { buildReport } from '../../src/report/build-report.js'
import { renderText, wrap } from '../../src/report/render-text.js'
import { ReportSchema, type Report } from '../../src/report/schema.js'
import { builtinPacks } from '../helpers/engine.js'
import { account, accountsFacts, healthyFacts, snapshotOf } from '../helpers/facts.js'

async function reportFor(facts: Record<string, unknown>, lang: 'vi' | 'en'): Promise<Report> {
  const { rules, profiles, data } = await builtinPacks()
  const snapshot = snapshotOf(facts)
  const results = evaluateRules(planRules(rules, { profile: profiles.office }), {
    platform: 'linux',
    lang,
    data,
    now: new Date('2026-11-29T12:00:00Z'),
    probes: snapshot.probes,
  })
  return ReportSchema.parse(
    buildReport({ results, snapshot, factsSource: 'file', profile: 'office', lang, clock: fixedClock('2026-11-29T12:00:00Z'), agentVersion: '1.2.3' }),
  )
}

const emptyPassword = () => ({ ...healthyFacts(), accounts: accountsFacts([account(), account({ name: 'bob', hasPassword: false, emptyPassword: true })]) })

describe('renderText', () => {
  it('lists what needs attention first, with the fix, and the score last', async () => {
    const text = renderText(await reportFor(emptyPassword(), 'en'), { lang: 'en', colorLevel: 0, width: 100 })
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('Security hygiene report: pc-ketoan (Debian GNU/Linux 13 (trixie))')
    const start = lines.indexOf('Needs attention (1):')
    expect(start).toBeGreaterThan(0)
    expect(lines[start + 1]).toBe('✗ FAIL [critical] No account has an empty password (access.empty-password)')
    expect(text).toContain('How to fix:')
    expect(text).toContain('The score is capped at 50 because a critical check failed: access.empty-password.')
    expect(lines.at(-1)).toBe('Score: 50/100, grade D')
    expect(text).not.toMatch(/\u001b\[/)
  })

  it('uses colour only when asked, and symbols always', async () => {
    const report = await reportFor(healthyFacts(), 'vi')
    expect(renderText(report, { lang: 'vi', colorLevel: 1, width: 80 })).toMatch(/\u001b\[32m✓ ĐẠT/)
    const plain = renderText(report, { lang: 'vi', colorLevel: 0, width: 80 })
    expect(plain).toContain('✓ ĐẠT')
    expect(plain).toContain('Điểm: 100/100, xếp loại A')
    expect(plain).toContain('Mức độ kiểm tra: 100% (21/21 mục kiểm tra được).')
  })

  it('keeps lines within the terminal width', async () => {
    const text = renderText(await reportFor(emptyPassword(), 'vi'), { lang: 'vi', colorLevel: 0, width: 60 })
    for (const line of text.split("\n")) if (!line.includes("/")) expect(line, line).toHaveLength(Math.min(line.length, 60))
  })
})

describe('wrap', () => {
  it('breaks on spaces and hangs a numbered step under its text', () => {
    expect(wrap('1. Mở Cài đặt rồi chọn Tài khoản', 16, '  ')).toEqual(['  1. Mở Cài đặt', '     rồi chọn', '     Tài khoản'])
  })
  it('keeps a word longer than the line whole', () => {
    expect(wrap('xem /home/an/Downloads/rat-dai.exe ngay', 10, '')).toEqual(['xem', '/home/an/Downloads/rat-dai.exe', 'ngay'])
  })
})
