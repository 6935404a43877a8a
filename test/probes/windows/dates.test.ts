import { describe, expect, it } from 'vitest'
import { newestTime, parseDmtfDate, parsePsDate } from '../../../src/probes/windows/dates.js'

describe('dates from Windows', () => {
  it.each([
    ['2026-11-12T03:21:40.0000000Z', '2026-11-12T03:21:40.000Z'],
    ['2026-11-12T10:21:40.1234567+07:00', '2026-11-12T03:21:40.123Z'],
    // Windows PowerShell 5.1's ConvertTo-Json form (platform-reference §0.2, gowindows fixture).
    ['/Date(1701379505092)/', '2023-11-30T21:25:05.092Z'],
    ['/Date(1701379505092+0700)/', '2023-11-30T21:25:05.092Z'],
  ])('reads %s', (text, iso) => {
    expect(parsePsDate(text)?.toISOString()).toBe(iso)
  })

  it.each(['2026-11-12T03:21:40', '12/11/2026 10:21:40', 'Thứ Năm, 12 tháng 11, 2026', ''])('refuses %j', (text) => {
    expect(parsePsDate(text)).toBeNull()
  })

  it('reads WMI DMTF times with their offset in minutes', () => {
    expect(parseDmtfDate('20261124161530.123456+420')?.toISOString()).toBe('2026-11-24T09:15:30.123Z')
    expect(parseDmtfDate('20240115093012.123456-000')?.toISOString()).toBe('2024-01-15T09:30:12.123Z')
    expect(parseDmtfDate('20240115093012.123456-300')?.toISOString()).toBe('2024-01-15T14:30:12.123Z')
    expect(parseDmtfDate('2024-01-15 09:30')).toBeNull()
  })

  it('finds the newest of some dates, or none', () => {
    expect(newestTime([null, new Date(5), new Date(9), null])).toBe(9)
    expect(newestTime([null])).toBeNull()
  })
})
