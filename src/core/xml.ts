// A small XML reader and writer: Task Scheduler definitions and Apple property lists are both read through it.

export interface XmlElement {
  name: string
  attributes: ReadonlyMap<string, string>
  children: XmlElement[]
  /** The text directly inside the element, entities decoded, not trimmed. */
  text: string
}

export class XmlError extends Error {
  override name = 'XmlError'
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&${Object.entries(ENTITIES).find(([, value]) => value === char)![0]};`)
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    // An entity XML does not define is kept as written rather than failing the whole document.
    if (!entity.startsWith('#')) return ENTITIES[entity] ?? whole
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10)
    // fromCodePoint would throw a RangeError, which callers do not expect from malformed input.
    if (code > 0x10ffff) throw new XmlError(`${whole} is no character`)
    return String.fromCodePoint(code)
  })
}

/** Markup that carries no element: the declaration, comments, a DOCTYPE, processing instructions. */
const SKIPPED = /^<(?:\?[\s\S]*?\?>|!--[\s\S]*?-->|!DOCTYPE[^>]*>)/
const TAG = /^<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

/** Parses a well-formed document into its root element; throws XmlError on anything malformed. */
export function parseXml(source: string): XmlElement {
  // schtasks may hand back UTF-16 read as UTF-8: a garbled BOM, and NULs between the ASCII characters.
  const text = source.replace(/\u0000/g, '')
  let rest = text.slice(Math.max(0, text.indexOf('<')))
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  while (rest.length > 0) {
    const lt = rest.indexOf('<')
    if (lt !== 0) {
      const text = lt < 0 ? rest : rest.slice(0, lt)
      const current = stack.at(-1)
      if (current) current.text += decode(text)
      else if (text.trim()) throw new XmlError('text outside the root element')
      rest = lt < 0 ? '' : rest.slice(lt)
      continue
    }
    const skipped = SKIPPED.exec(rest)
    if (skipped) {
      rest = rest.slice(skipped[0].length)
      continue
    }
    const tag = TAG.exec(rest)
    if (!tag) throw new XmlError(`malformed markup near: ${rest.slice(0, 40)}`)
    rest = rest.slice(tag[0].length)
    const [, closing, name, attributeText, selfClosing] = tag as unknown as [string, string, string, string, string]
    if (closing) {
      const open = stack.pop()
      if (!open || open.name !== name) throw new XmlError(`</${name}> does not close <${open?.name ?? 'nothing'}>`)
      continue
    }
    if (root && stack.length === 0) throw new XmlError('more than one root element')
    const attributes = new Map<string, string>()
    for (const match of attributeText.matchAll(ATTRIBUTE)) attributes.set(match[1]!, decode(match[2] ?? match[3] ?? ''))
    const element: XmlElement = { name, attributes, children: [], text: '' }
    stack.at(-1)?.children.push(element)
    root ??= element
    if (!selfClosing) stack.push(element)
  }
  if (!root) throw new XmlError('no element found')
  if (stack.length > 0) throw new XmlError(`<${stack.at(-1)!.name}> is not closed`)
  return root
}

/** The first element at the end of a path of child names (`Triggers/CalendarTrigger/StartBoundary`). */
export function childAt(element: XmlElement, path: string): XmlElement | undefined {
  let current: XmlElement | undefined = element
  for (const name of path.split('/')) current = current?.children.find((child) => child.name === name)
  return current
}
