// Apple's XML property lists (PropertyList-1.0.dtd) read from the shared XML parser's tree, and typed readers of their values.
import { parseXml, XmlError, type XmlElement } from '../../core/xml.js'

/** A dict keeps its keys in a Map, so a key such as `__proto__` is only a key. */
export type PlistDict = ReadonlyMap<string, PlistValue>
export type PlistValue = string | number | boolean | Date | Buffer | PlistDict | readonly PlistValue[]

export class PlistError extends Error {
  override name = 'PlistError'
}

/**
 * The value of the XML plist in `text`. Anything before the first `<?xml` or `<plist` is skipped:
 * `pwpolicy -getaccountpolicies` prints a line of prose before its plist, and `dscl` an attribute name.
 */
export function parsePlist(text: string): PlistValue {
  const start = [text.indexOf('<?xml'), text.indexOf('<plist')].filter((index) => index >= 0)
  if (start.length === 0) throw new PlistError('no XML property list found')
  let root: XmlElement
  try {
    root = parseXml(text.slice(Math.min(...start)))
  } catch (error) {
    if (error instanceof XmlError) throw new PlistError(`malformed property list: ${error.message}`, { cause: error })
    throw error
  }
  if (root.name !== 'plist') return value(root)
  const [only, ...rest] = elementsIn(root)
  if (only === undefined) throw new PlistError('empty <plist>')
  if (rest.length > 0) throw new PlistError('content after the property list')
  return value(only)
}

function value(element: XmlElement): PlistValue {
  switch (element.name) {
    case 'dict':
      return dict(element)
    case 'array':
      return elementsIn(element).map(value)
    case 'true':
    case 'false':
      if (textOf(element).trim() !== '') throw new PlistError(`<${element.name}> holds text`)
      return element.name === 'true'
    case 'string':
      return textOf(element)
    case 'integer':
    case 'real':
      return number(element)
    case 'date':
      return date(element)
    case 'data':
      return Buffer.from(textOf(element).replace(/\s+/g, ''), 'base64')
    default:
      throw new PlistError(`unknown element <${element.name}>`)
  }
}

function dict(element: XmlElement): PlistDict {
  const entries = new Map<string, PlistValue>()
  const items = elementsIn(element)
  for (let index = 0; index < items.length; index += 2) {
    const key = items[index]!
    if (key.name !== 'key') throw new PlistError(`expected <key> in <dict>, found <${key.name}>`)
    const item = items[index + 1]
    if (item === undefined) throw new PlistError(`<key> ${JSON.stringify(key.text)} has no value`)
    entries.set(textOf(key), value(item))
  }
  return entries
}

/** The child elements of a `<plist>`, `<dict>` or `<array>`; text between them other than whitespace is an error. */
function elementsIn(element: XmlElement): XmlElement[] {
  const text = element.text.trim()
  if (text !== '') throw new PlistError(`unexpected text ${JSON.stringify(text.slice(0, 30))} in <${element.name}>`)
  return element.children
}

/** The text of an element that may hold no elements (`<string>`, `<key>`, `<integer>`, ...). */
function textOf(element: XmlElement): string {
  const child = element.children[0]
  if (child !== undefined) throw new PlistError(`<${element.name}> holds an element <${child.name}>`)
  return element.text
}

function number(element: XmlElement): number {
  const text = textOf(element).trim()
  const parsed = Number(text)
  if (text === '' || !Number.isFinite(parsed)) {
    throw new PlistError(`<${element.name}> ${JSON.stringify(text)} is no number`)
  }
  return parsed
}

function date(element: XmlElement): Date {
  const text = textOf(element).trim()
  const parsed = new Date(text)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(parsed.getTime())) {
    throw new PlistError(`<date> ${JSON.stringify(text)} is no date`)
  }
  return parsed
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
