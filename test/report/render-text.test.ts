import { describe, expect, it } from 'vitest'
import { renderScoreLine, renderText, wrap } from '../../src/report/render-text.js'
import { account, accountsFacts, backupFacts, firewallFacts, healthyFacts } from '../helpers/facts.js'
import { reportInLang } from '../helpers/reports.js'

const reportFor = reportInLang

const emptyPassword = () => ({ ...healthyFacts(), accounts: accountsFacts([account(), account({ name: 'bob', hasPassword: false, emptyPassword: true })]) })

describe('renderText', () => {
  it('lists what needs attention first, with the fix, and the score last', async () => {
    const text = renderText(await reportFor(emptyPassword(), 'en'), { lang: 'en', colorLevel: 0, width: 100 })
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('Security hygiene report: pc-ketoan (Debian GNU/Linux 13 (trixie))')
    const start = lines.indexOf('Needs attention (1):')
    expect(start).toBeGreaterThan(0)
    expect(lines[start + 1]).toBe('Accounts and access')
    expect(lines[start + 2]).toBe('✗ FAIL [critical] No account has an empty password (access.empty-password)')
    expect(text).toContain('How to fix:')
    expect(text).toContain('The score is capped at 50 because a critical check failed: access.empty-password.')
    expect(lines.at(-1)).toBe('Score: 50/100, grade D · 1 check(s) to fix')
    expect(text).not.toMatch(/\u001b\[/)
  })

  it('groups the checks to act on by area, the most urgent area first', async () => {
    const facts = {
      ...emptyPassword(),
      backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }),
      firewall: firewallFacts({ profiles: [{ name: 'ufw', enabled: false }] }),
    }
    const lines = renderText(await reportFor(facts, 'vi'), { lang: 'vi', colorLevel: 0, width: 200 }).split('\n')
    const headings = lines.filter((line) => ['Tài khoản và quyền truy cập', 'Sao lưu', 'Mạng', 'Mật khẩu'].includes(line))
    // critical (accounts) before high (backup, network); passes appear under their own areas later.
    expect(headings.slice(0, 3)).toEqual(['Tài khoản và quyền truy cập', 'Sao lưu', 'Mạng'])
    const network = lines.indexOf('Mạng')
    expect(lines[network + 1]).toMatch(/^✗ KHÔNG ĐẠT \[cao\] Tường lửa đang bật \(network.firewall-enabled\)$/)
  })

  it('prints only the score line for --quiet, coloured by the score when asked', async () => {
    const report = await reportFor(emptyPassword(), 'en')
    expect(renderScoreLine(report, { lang: 'en', colorLevel: 0 })).toBe('Score: 50/100, grade D · 1 check(s) to fix\n')
    expect(renderScoreLine(report, { lang: 'en', colorLevel: 1 })).toMatch(/^\u001b\[1m\u001b\[33mScore: 50\/100/)
  })

  it('uses colour only when asked, and symbols always', async () => {
    const report = await reportFor(healthyFacts(), 'vi')
    expect(renderText(report, { lang: 'vi', colorLevel: 1, width: 80 })).toMatch(/\u001b\[32m✓ ĐẠT/)
    const plain = renderText(report, { lang: 'vi', colorLevel: 0, width: 80 })
    expect(plain).toContain('✓ ĐẠT')
    expect(plain.trimEnd().split('\n').at(-1)).toBe('Điểm: 100/100, xếp loại A · không có mục nào cần xử lý')
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
