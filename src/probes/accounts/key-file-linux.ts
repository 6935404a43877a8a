/**
 * A reader for the INI-style files of Linux desktops and servers: GLib key files (GDM, LightDM),
 * KConfig files (SDDM, kscreenlockerrc), smb.conf(5) and plain `KEY=value` files such as ufw.conf.
 * `[section]` headers, `key = value` lines, `#` and `;` comments; a line ending in `\` goes on on
 * the next line (smb.conf(5) "continuation"). Keys before any header belong to section ''.
 */
export interface KeyFileEntry {
  section: string
  key: string
  value: string
}

/** `fold` normalises section and key names (smb.conf ignores their case and spaces). */
export function parseKeyFile(text: string, fold: (name: string) => string = (name) => name): KeyFileEntry[] {
  const entries: KeyFileEntry[] = []
  let section = ''
  for (const line of text.replace(/\\\r?\n/g, '').split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue
    const header = /^\[(.*)\]$/.exec(trimmed)
    if (header) {
      section = fold(header[1]!.trim())
      continue
    }
    const equals = trimmed.indexOf('=')
    if (equals <= 0) continue
    entries.push({ section, key: fold(trimmed.slice(0, equals).trim()), value: trimmed.slice(equals + 1).trim() })
  }
  return entries
}

/** The last value of `key` in the sections `inSection` accepts (the later line wins, as in every such reader). */
export function lastValue(
  entries: readonly KeyFileEntry[],
  inSection: (section: string) => boolean,
  key: string,
): string | undefined {
  let value: string | undefined
  for (const entry of entries) if (entry.key === key && inSection(entry.section)) value = entry.value
  return value
}

/** GLib and KConfig booleans: `true`/`false`, also `1`/`0`; null for anything else. */
export function keyFileBoolean(value: string | undefined): boolean | null {
  if (value === undefined) return null
  if (/^(true|1)$/i.test(value)) return true
  if (/^(false|0)$/i.test(value)) return false
  return null
}
