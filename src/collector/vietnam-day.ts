/** Days typed by the ward's people (YYYY-MM-DD) mean days in Vietnam (UTC+7), whatever the server's time zone. */
const OFFSET_MS = 7 * 3_600_000
const DAY_MS = 86_400_000

/** The start of that day in Vietnam, or null for anything that is not a real day (2026-02-31 included). */
export function vietnamDayStart(text: string): Date | null {
  const value = text.trim()
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const start = new Date(`${value}T00:00:00+07:00`)
  // The round trip refuses a day Date would quietly roll into the next month.
  if (Number.isNaN(start.getTime()) || new Date(start.getTime() + OFFSET_MS).toISOString().slice(0, 10) !== value) return null
  return start
}

/** The end of that day in Vietnam (midnight after it): "shown through 2026-12-31". */
export function vietnamDayEnd(text: string): Date | null {
  const start = vietnamDayStart(text)
  return start && new Date(start.getTime() + DAY_MS)
}

/** `2026-11-30 09:00`: an instant as a clock in Vietnam shows it, for plain-text listings. */
export function vietnamMinute(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}
