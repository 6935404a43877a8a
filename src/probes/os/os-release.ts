/**
 * Parser for os-release(5): KEY=value lines, values optionally quoted with shell escapes.
 * https://www.freedesktop.org/software/systemd/man/os-release.html
 */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim()
    if (!line || line.startsWith('#')) continue
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line)
    if (!match) continue
    fields[match[1]!] = unquote(match[2]!)
  }
  return fields
}

function unquote(value: string): string {
  const quote = value[0]
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    const inner = value.slice(1, -1)
    return quote === '"' ? inner.replace(/\\([\\$"`])/g, '$1') : inner
  }
  return value
}
