// Tests the ISO 8601 parser the backup sources share.
import { describe, expect, it } from 'vitest'
import { parseIsoDateTime } from '../../../src/probes/backup/timestamps.js'
import { useTimeZone, VIETNAM } from './backup-test-kit.js'

useTimeZone(VIETNAM)

const iso = (text: string, zoneless: 'local' | 'utc'): string | undefined =>
  parseIsoDateTime(text, zoneless)?.toISOString()

describe('parseIsoDateTime', () => {
  it('reads a UTC time with microseconds, as Déjà Dup writes it', () => {
    expect(iso('2026-11-20T10:15:30.123456Z', 'local')).toBe('2026-11-20T10:15:30.123Z')
  })

  it('applies an explicit offset', () => {
    expect(iso('2026-11-20T17:15:30+07:00', 'utc')).toBe('2026-11-20T10:15:30.000Z')
    expect(iso('2026-11-20T05:15:30-0500', 'utc')).toBe('2026-11-20T10:15:30.000Z')
  })

  it('reads a time without zone as local time when asked (UTC+7 here)', () => {
    expect(iso('2026-11-29T06:10:38', 'local')).toBe('2026-11-28T23:10:38.000Z')
  })

  it('reads a time without zone as UTC when asked, as borg writes its manifest timestamp', () => {
    expect(iso('2026-11-29T06:10:38.172846', 'utc')).toBe('2026-11-29T06:10:38.172Z')
  })

  it.each([
    '',
    '2026-11-29',
    '2026-11-29 06:10:38',
    '2026-02-30T00:00:00',
    '2026-13-01T00:00:00',
    '2026-11-29T24:00:00',
  ])('rejects %j', (text) => {
    expect(parseIsoDateTime(text, 'utc')).toBeNull()
  })
})
