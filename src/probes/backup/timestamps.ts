// Parses the ISO 8601 date-times backup tools write, with or without a time zone.

/** `YYYY-MM-DDTHH:MM:SS`, optional fraction, optional `Z` or `±HH:MM` offset. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * The instant `text` names, or null when it is not a valid date-time. A time written without a zone is
 * read as the machine's local time or as UTC, as the tool that wrote it meant it.
 */
export function parseIsoDateTime(text: string, zoneless: 'local' | 'utc'): Date | null {
  const match = ISO_DATE_TIME.exec(text.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  // Date would roll 31 November over to 1 December; a day the month does not have is no date.
  const calendarDay = new Date(Date.UTC(year, month - 1, day))
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3))
  const zone = match[8]
  if (zone === undefined && zoneless === 'local') {
    return new Date(year, month - 1, day, hour, minute, second, millisecond)
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond)
  return new Date(utc - offsetMinutes(zone) * 60_000)
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))
  return zone.startsWith('-') ? -minutes : minutes
}
