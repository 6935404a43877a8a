// Date formats that reach the agent from Windows: PowerShell's JSON dates and WMI's DMTF date-times.

/** `\/Date(1701379505092)\/` as Windows PowerShell 5.1's ConvertTo-Json writes a DateTime (§0.2). */
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/
/** ISO 8601 with a zone: the script writes `.ToString('o')` of a UTC date, e.g. `2026-11-12T03:21:40.0000000Z`. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/
/** `20261124091530.123456-000`: the last field is the offset from UTC in minutes (§0.2, Appendix C). */
const DMTF = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/

/** A date the script emitted (ISO in UTC, or the `\/Date(ms)\/` form); null for anything else. */
export function parsePsDate(text: string): Date | null {
  const ms = MS_DATE.exec(text)?.[1]
  if (ms !== undefined) return new Date(Number(ms))
  if (!ISO_WITH_ZONE.test(text)) return null
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? null : date
}

export function parseDmtfDate(text: string): Date | null {
  const match = DMTF.exec(text.trim())
  if (!match) return null
  const [year, month, day, hour, minute, second, micro, sign, offset] = match.slice(1) as [
    string, string, string, string, string, string, string, string, string,
  ]
  const utc = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, Math.floor(+micro / 1000))
  const offsetMinutes = (sign === '-' ? -1 : 1) * +offset
  return new Date(utc - offsetMinutes * 60_000)
}

/** The newest of some dates, in epoch milliseconds; null when there is none. */
export function newestTime(dates: ReadonlyArray<Date | null>): number | null {
  const times = dates.flatMap((date) => (date ? [date.getTime()] : []))
  return times.length > 0 ? Math.max(...times) : null
}
