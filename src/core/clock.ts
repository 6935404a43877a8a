/** The one source of time for the agent: tests pass a fixed clock. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at)
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock: invalid date ${String(at)}`)
  return { now: () => new Date(instant) }
}

const DAY_MS = 86_400_000

/** Whole days elapsed from `then` to `now`; negative when `then` is in the future (a clock set in the past). */
export function daysBetween(then: Date, now: Date): number {
  return Math.floor((now.getTime() - then.getTime()) / DAY_MS)
}

/** Days since the Unix epoch, as /etc/shadow counts them (UTC days). */
export function epochDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS)
}

export function dateFromEpochDay(day: number): Date {
  return new Date(day * DAY_MS)
}
