/**
 * Reads a YAML file (rule pack, profile table, config) keeping positions, so every validation
 * message can name the line it is about.
 */
import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml'
import { HygieneError } from './errors.js'
import { errorCode } from './fs-errors.js'
import { readText } from './resources.js'

export type FieldPath = Array<string | number>

export interface YamlSource {
  file: string
  data: unknown
  document: Document
  lines: LineCounter
}

export interface FieldIssue {
  path: FieldPath
  message: string
}

export async function readYamlFile(file: string, kind: 'pack' | 'config' | 'profiles'): Promise<YamlSource> {
  let text: string
  try {
    text = await readText(file)
  } catch (error) {
    const key = errorCode(error) === 'ENOENT' ? 'file.notFound' : 'file.unreadable'
    throw new HygieneError(key, { file, kind })
  }
  return parseYaml(file, text)
}

export function parseYaml(file: string, text: string): YamlSource {
  const lines = new LineCounter()
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const first = document.errors[0]
  if (first) {
    const line = lines.linePos(first.pos[0]).line
    throw new HygieneError('yaml.syntax', { file, line, detail: first.message.split('\n')[0] ?? first.code })
  }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // yaml throws a ReferenceError for an alias to no anchor, and for aliases that expand past
    // maxAliasCount ("billion laughs"); both are mistakes in the file, not bugs of the program.
    const detail = error instanceof Error ? error.message : String(error)
    throw new HygieneError('yaml.syntax', { file, line: firstAliasLine(document, lines), detail })
  }
  // An anchor holding an alias to itself becomes a circular value, which the validators would
  // follow until the stack overflows.
  if (containsItself(data)) {
    throw new HygieneError('yaml.syntax', { file, line: firstAliasLine(document, lines), detail: 'an alias refers to a node that contains it' })
  }
  return { file, data, document, lines }
}

function firstAliasLine(document: Document, lines: LineCounter): number {
  let line = 1
  visit(document, {
    Alias(_key, node) {
      if (node.range) line = lines.linePos(node.range[0]).line
      return visit.BREAK
    },
  })
  return line
}

/** Depth-first without recursion (the value may be nested thousands deep); each object is finished once. */
function containsItself(root: unknown): boolean {
  const open = new Set<object>()
  const finished = new Set<object>()
  const stack: Array<{ value: object; children: Iterator<unknown> }> = []
  const enter = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || finished.has(value)) return false
    if (open.has(value)) return true
    open.add(value)
    const children = value instanceof Map || value instanceof Set ? value.values() : Object.values(value).values()
    stack.push({ value, children })
    return false
  }
  if (enter(root)) return true
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    const next = top.children.next()
    if (!next.done) {
      if (enter(next.value)) return true
      continue
    }
    stack.pop()
    open.delete(top.value)
    finished.add(top.value)
  }
  return false
}

/** The 1-based line of the field at `path`, or of its nearest ancestor present in the file. */
export function lineOf(source: YamlSource, path: FieldPath): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = source.document.getIn(path.slice(0, depth), true)
    if (isNode(node) && node.range) return source.lines.linePos(node.range[0]).line
  }
  return null
}

/** `rules.password.max-age.params` style, with list indexes in brackets. */
export function formatFieldPath(path: FieldPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}

/**
 * zod issues as field issues. An unknown key is reported on its parent object by zod; here it
 * becomes one issue per key, at the key itself, so the message and the line point at it.
 */
export function fieldIssues(issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string; keys?: string[] }>): FieldIssue[] {
  return issues.flatMap((issue) => {
    const at = issue.path.filter((part): part is string | number => typeof part !== 'symbol')
    return issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: [...at, key], message: issue.message }))
      : [{ path: at, message: issue.message }]
  })
}
