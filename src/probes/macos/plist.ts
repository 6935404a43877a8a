// A small parser for Apple's XML property lists (PropertyList-1.0.dtd), and typed readers of its values.

/** A dict keeps its keys in a Map, so a key such as `__proto__` is only a key. */
export type PlistDict = ReadonlyMap<string, PlistValue>
export type PlistValue = string | number | boolean | Date | Buffer | PlistDict | readonly PlistValue[]

export class PlistError extends Error {
  override name = 'PlistError'
}

/** A tag (`<key>`, `</dict>`, `<true/>`) or the text between two tags. */
type Token = { tag: string; closing: boolean; empty: boolean } | { text: string }

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
/** Markup that carries no value: the XML declaration, the DOCTYPE, comments. */
const SKIPPED = /^<(?:\?[\s\S]*?\?>|!--[\s\S]*?-->|![^>]*>)/
const TAG = /^<(\/?)([A-Za-z]+)\b[^>]*?(\/?)>/

/**
 * The value of the XML plist in `text`. Anything before the first `<?xml` or `<plist` is skipped:
 * `pwpolicy -getaccountpolicies` prints a line of prose before its plist, and `dscl` an attribute name.
 */
export function parsePlist(text: string): PlistValue {
  const start = [text.indexOf('<?xml'), text.indexOf('<plist')].filter((index) => index >= 0)
  if (start.length === 0) throw new PlistError('no XML property list found')
  const tokens = tokenize(text.slice(Math.min(...start)))
  const reader = new TokenReader(tokens)
  const first = reader.nextTag()
  if (first.tag !== 'plist') return reader.finish(reader.value(first))
  if (first.empty) throw new PlistError('empty <plist/>')
  const value = reader.value(reader.nextTag())
  reader.expectClose('plist')
  return reader.finish(value)
}

function tokenize(xml: string): Token[] {
  const tokens: Token[] = []
  let rest = xml
  while (rest.length > 0) {
    const lt = rest.indexOf('<')
    if (lt !== 0) {
      const text = lt < 0 ? rest : rest.slice(0, lt)
      tokens.push({ text: decodeEntities(text) })
      rest = rest.slice(text.length)
      continue
    }
    const skipped = SKIPPED.exec(rest)
    if (skipped) {
      rest = rest.slice(skipped[0].length)
      continue
    }
    const tag = TAG.exec(rest)
    if (!tag) throw new PlistError(`malformed markup near ${JSON.stringify(rest.slice(0, 30))}`)
    tokens.push({ tag: tag[2]!, closing: tag[1] === '/', empty: tag[3] === '/' })
    rest = rest.slice(tag[0].length)
  }
  return tokens
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name] ?? whole
  })
}

type TagToken = Extract<Token, { tag: string }>

class TokenReader {
  private index = 0

  constructor(private readonly tokens: readonly Token[]) {}

  /** The next tag; whitespace between tags is skipped, other text there is an error. */
  nextTag(): TagToken {
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++]!
      if ('tag' in token) return token
      if (token.text.trim() !== '') throw new PlistError(`unexpected text ${JSON.stringify(token.text.slice(0, 30))}`)
    }
    throw new PlistError('the property list ends too early')
  }

  expectClose(tag: string): void {
    const next = this.nextTag()
    if (!next.closing || next.tag !== tag) throw new PlistError(`expected </${tag}>, found <${next.tag}>`)
  }

  finish(value: PlistValue): PlistValue {
    for (const token of this.tokens.slice(this.index)) {
      if ('tag' in token || token.text.trim() !== '') throw new PlistError('content after the property list')
    }
    return value
  }

  value(open: TagToken): PlistValue {
    if (open.closing) throw new PlistError(`unexpected </${open.tag}>`)
    switch (open.tag) {
      case 'dict':
        return open.empty ? new Map() : this.dict()
      case 'array':
        return open.empty ? [] : this.array()
      case 'true':
      case 'false':
        if (!open.empty) this.expectClose(open.tag)
        return open.tag === 'true'
      case 'string':
        return this.text(open)
      case 'integer':
      case 'real':
        return this.number(open)
      case 'date':
        return this.date(open)
      case 'data':
        return Buffer.from(this.text(open).replace(/\s+/g, ''), 'base64')
      default:
        throw new PlistError(`unknown element <${open.tag}>`)
    }
  }

  private dict(): PlistDict {
    const entries = new Map<string, PlistValue>()
    for (;;) {
      const next = this.nextTag()
      if (next.closing && next.tag === 'dict') return entries
      if (next.tag !== 'key') throw new PlistError(`expected <key> in <dict>, found <${next.tag}>`)
      entries.set(this.text(next), this.value(this.nextTag()))
    }
  }

  private array(): PlistValue[] {
    const items: PlistValue[] = []
    for (;;) {
      const next = this.nextTag()
      if (next.closing && next.tag === 'array') return items
      items.push(this.value(next))
    }
  }

  /** The text content of an element with no child elements (`<string>`, `<key>`, `<integer>`, ...). */
  private text(open: TagToken): string {
    if (open.empty) return ''
    const token = this.tokens[this.index]
    let content = ''
    if (token !== undefined && 'text' in token) {
      content = token.text
      this.index++
    }
    this.expectClose(open.tag)
    return content
  }

  private number(open: TagToken): number {
    const text = this.text(open).trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value)) {
      throw new PlistError(`<${open.tag}> ${JSON.stringify(text)} is no number`)
    }
    return value
  }

  private date(open: TagToken): Date {
    const text = this.text(open).trim()
    const value = new Date(text)
    if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(value.getTime())) {
      throw new PlistError(`<date> ${JSON.stringify(text)} is no date`)
    }
    return value
  }
}

export function isDict(value: PlistValue | undefined): value is PlistDict {
  return value instanceof Map
}

/** The dict at `key` of `dict`, or null when it is absent or of another type. */
export function dictAt(dict: PlistDict | null, key: string): PlistDict | null {
  const value = dict?.get(key)
  return isDict(value) ? value : null
}

export function arrayAt(dict: PlistDict | null, key: string): readonly PlistValue[] {
  const value = dict?.get(key)
  return Array.isArray(value) ? value : []
}

export function stringAt(dict: PlistDict | null, key: string): string | null {
  const value = dict?.get(key)
  return typeof value === 'string' ? value : null
}

export function numberAt(dict: PlistDict | null, key: string): number | null {
  const value = dict?.get(key)
  return typeof value === 'number' ? value : null
}

export function booleanAt(dict: PlistDict | null, key: string): boolean | null {
  const value = dict?.get(key)
  return typeof value === 'boolean' ? value : null
}

export function dateAt(dict: PlistDict | null, key: string): Date | null {
  const value = dict?.get(key)
  return value instanceof Date ? value : null
}
