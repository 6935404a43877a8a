/**
 * Parser for `chage -l` of the current user (the only account a non-root user may read).
 * Lines are read by position, never by label: labels are translated outside the C locale.
 * With `-i` dates are YYYY-MM-DD; without it (older shadow) they are `Nov 29, 2026` in the C locale.
 */
export interface ChageInfo {
  /** The last change, or 'must-change', or null for never. */
  lastChange: Date | 'must-change' | null
  accountExpires: Date | null
  maxDays: number | null
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

export function parseChage(text: string): ChageInfo | null {
  const values = text
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line) => line.slice(line.indexOf(':') + 1).trim())
  if (values.length < 7) return null
  const [lastChange, , , accountExpires, , maxDays] = values as [string, string, string, string, string, string]
  return {
    lastChange: lastChange === 'password must be changed' ? 'must-change' : parseChageDate(lastChange),
    accountExpires: parseChageDate(accountExpires),
    maxDays: /^-?\d+$/.test(maxDays) ? Number(maxDays) : null,
  }
}

/** Dates are calendar days; they are taken as UTC midnight, as shadow stores them. */
export function parseChageDate(value: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])))
  const c = /^([A-Za-z]{3}) (\d{1,2}), (\d{4})$/.exec(value)
  if (c) {
    const month = MONTHS.indexOf(c[1]!.toLowerCase())
    if (month >= 0) return new Date(Date.UTC(Number(c[3]), month, Number(c[2])))
  }
  return null
}

/** `passwd -S` status word: P/PS usable, L/LK locked, NP no password. Only the status is used. */
export function parsePasswdStatus(text: string): 'usable' | 'locked' | 'empty' | null {
  const status = text.trim().split(/\s+/)[1]
  if (status === 'P' || status === 'PS') return 'usable'
  if (status === 'L' || status === 'LK') return 'locked'
  if (status === 'NP') return 'empty'
  return null
}
