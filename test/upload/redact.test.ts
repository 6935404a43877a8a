import { describe, expect, it } from 'vitest'
import { redactReport } from '../../src/upload/redact.js'
import { account, accountsFacts, downloadsFacts, riskyFile } from '../helpers/facts.js'
import { makeReport } from '../helpers/reports.js'

describe('redactReport', async () => {
  const report = await makeReport({
    facts: {
      accounts: accountsFacts([account({ name: 'an', passwordAgeDays: 400 }), account({ name: 'Kế toán', passwordAgeDays: 300 })]),
      downloads: downloadsFacts([
        riskyFile({ path: '/home/an/Bản tải về/Hóa đơn tháng 11.pdf.exe', originUrl: 'https://lua-dao.example/tai?token=abc' }),
        riskyFile({ path: '/home/an/Zalo Received Files/VNeID.apk', root: 'zalo', reasons: ['android-package'] }),
      ]),
    },
  })
  const redacted = redactReport(report, 'device-1')
  // What the PC found: evidence and messages (titles and fixes are the same on every PC).
  const text = JSON.stringify(redacted.results.map((r) => [r.message, r.evidence]))

  it('hides file paths, keeping the folder kind and the extension', () => {
    const files = redacted.results.find((r) => r.id === 'downloads.risky-files')!.evidence.files as Array<{ path: string; originUrl: string | null }>
    expect(files.map((file) => file.path)).toEqual([expect.stringMatching(/^\[downloads\]\/[0-9a-f]{8}\.exe$/)])
    const apks = redacted.results.find((r) => r.id === 'scam.untrusted-apk')!.evidence.files as Array<{ path: string }>
    expect(apks.map((file) => file.path)).toEqual([expect.stringMatching(/^\[zalo\]\/[0-9a-f]{8}\.apk$/)])
    expect(files[0]!.originUrl).toBe('https://lua-dao.example')
    expect(text).not.toContain('Hóa đơn')
    expect(text).not.toContain('VNeID')
    expect(text).not.toContain('token=abc')
  })

  it('hides account names in evidence and in every message, not parts of other words', () => {
    const accounts = redacted.results.find((r) => r.id === 'password.max-age')!.evidence.accounts as Array<{ name: string }>
    expect(accounts.map((a) => a.name)).toEqual([expect.stringMatching(/^user-[0-9a-f]{8}$/), expect.stringMatching(/^user-[0-9a-f]{8}$/)])
    const message = redacted.results.find((r) => r.id === 'password.max-age')!.message
    expect(message).not.toMatch(/\ban\b|Kế toán/)
    expect(message).toMatch(/tài khoản/)
    expect(text).not.toContain('Kế toán')
    expect(text).not.toContain('/home/an')
  })

  it('gives the same name the same hash in every report of a device, another on another device', () => {
    const again = redactReport(report, 'device-1')
    const other = redactReport(report, 'device-2')
    const path = (r: typeof report) => (r.results.find((x) => x.id === 'downloads.risky-files')!.evidence.files as Array<{ path: string }>)[0]!.path
    expect(path(again)).toBe(path(redacted))
    expect(path(other)).not.toBe(path(redacted))
  })

  it('keeps everything else, so the collector scores it the same', () => {
    expect(redacted.score).toEqual(report.score)
    expect(redacted.results.map((r) => [r.id, r.status])).toEqual(report.results.map((r) => [r.id, r.status]))
    expect(redacted.device).toEqual(report.device)
  })
})
