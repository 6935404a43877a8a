/**
 * Parsers for the Linux account files: /etc/passwd, /etc/shadow (shadow(5)), /etc/login.defs.
 * Formats as captured on Debian 12 (shared/guide/platform-reference.md §1.2).
 */
export interface PasswdEntry {
  name: string
  uid: number
  shell: string
}

export interface ShadowEntry {
  name: string
  /** Empty: no password at all (login without one where PAM allows nullok). */
  emptyPassword: boolean
  /** `!…`, `*`, `!!`: no password login. */
  locked: boolean
  /** Days since the epoch of the last change; 0 means "must change at next login"; null means aging disabled. */
  lastChangeDay: number | null
  maxDays: number | null
  /** Account expiry in days since the epoch, null for never. */
  expireDay: number | null
}

export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = []
  for (const line of text.split('\n')) {
    const fields = line.split(':')
    if (fields.length < 7 || line.startsWith('#')) continue
    const uid = Number(fields[2])
    if (!Number.isInteger(uid)) continue
    entries.push({ name: fields[0]!, uid, shell: fields[6]!.trim() })
  }
  return entries
}

export function parseShadow(text: string): Map<string, ShadowEntry> {
  const entries = new Map<string, ShadowEntry>()
  for (const line of text.split('\n')) {
    const fields = line.split(':')
    if (fields.length < 8 || line.startsWith('#')) continue
    const [name, password, lastChange, , max, , , expire] = fields as [string, ...string[]]
    entries.set(name, {
      name,
      emptyPassword: password === '',
      locked: password !== '' && (password!.startsWith('!') || password!.startsWith('*')),
      lastChangeDay: optionalNumber(lastChange),
      maxDays: optionalNumber(max),
      expireDay: optionalNumber(expire),
    })
  }
  return entries
}

/** The numeric settings of login.defs(5) that matter here. */
export function parseLoginDefs(text: string): Record<string, number> {
  const values: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_]+)\s+(-?\d+)\s*$/.exec(line)
    if (match) values[match[1]!] = Number(match[2])
  }
  return values
}

function optionalNumber(field: string | undefined): number | null {
  if (field === undefined || field.trim() === '') return null
  const value = Number(field)
  return Number.isFinite(value) ? value : null
}

/** Shells that refuse interactive login. */
const NO_LOGIN_SHELLS = new Set(['/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false', ''])

export function hasLoginShell(entry: PasswdEntry): boolean {
  return !NO_LOGIN_SHELLS.has(entry.shell)
}

/** shadow(5): a maximum of 99999 days (or more) means the password never expires. */
export const NEVER_EXPIRES_DAYS = 99_999
