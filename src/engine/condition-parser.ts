/**
 * Turns the YAML form of a condition into a Condition, reporting every mistake with the path of
 * the field it is in. Fact and field paths are checked against the probes' fact schemas, so a
 * typo in a rule pack is caught when the pack loads, not silently evaluated as "unknown".
 */
import type { z } from 'zod'
import type { Lang, MessageKey } from '../i18n/index.js'
import { t } from '../i18n/index.js'
import { OPERATORS, type Condition, type Operand, type Operator, type PathScope } from './condition.js'
import { elementOf, fieldNames, schemaAtPath } from './schema-path.js'

export type IssuePath = Array<string | number>

export interface ConditionIssue {
  path: IssuePath
  message: string
}

export interface ConditionContext {
  lang: Lang
  /** Schema of all facts: an object keyed by probe id. */
  facts: z.ZodType
  /** Schema of the current list item, when inside every/some/empty. */
  item: z.ZodType | null
  params: ReadonlySet<string>
  issues: ConditionIssue[]
}

const LIST_KINDS = ['every', 'some', 'empty'] as const

export function parseCondition(raw: unknown, path: IssuePath, ctx: ConditionContext): Condition | null {
  const fail = (key: MessageKey, vars: Record<string, string> = {}, at: IssuePath = path): null => {
    ctx.issues.push({ path: at, message: t(ctx.lang, key, vars) })
    return null
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('pack.condition.notObject')
  const node = raw as Record<string, unknown>
  const keys = Object.keys(node)

  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const kind = keys[0]
    const list = node[kind]
    if (!Array.isArray(list) || list.length === 0) return fail('pack.condition.needsList', { key: kind }, [...path, kind])
    const items = list.map((child, index) => parseCondition(child, [...path, kind, index], ctx))
    return items.every((item): item is Condition => item !== null) ? { kind, items } : null
  }
  if (keys.length === 1 && keys[0] === 'not') {
    const item = parseCondition(node.not, [...path, 'not'], ctx)
    return item && { kind: 'not', item }
  }
  const listKind = LIST_KINDS.find((kind) => kind in node)
  if (listKind) return parseListCondition(listKind, node, path, ctx, fail)
  if ('fact' in node || 'field' in node) return parseComparison(node, path, ctx, fail)
  if ('param' in node) return parseParamComparison(node, path, ctx, fail)
  return fail('pack.condition.unknownForm', { keys: keys.join(', ') || '-' })
}

type Fail = (key: MessageKey, vars?: Record<string, string>, at?: IssuePath) => null

function parseListCondition(
  kind: (typeof LIST_KINDS)[number],
  node: Record<string, unknown>,
  path: IssuePath,
  ctx: ConditionContext,
  fail: Fail,
): Condition | null {
  const allowed = new Set<string>([kind, 'where', ...(kind === 'every' ? ['satisfies'] : [])])
  const extra = Object.keys(node).filter((key) => !allowed.has(key))
  if (extra.length) return fail('pack.condition.unexpectedKeys', { keys: extra.join(', '), form: kind })
  const target = node[kind]
  if (typeof target !== 'string') return fail('pack.condition.needsPath', { key: kind }, [...path, kind])
  // In a list item, a bare path names a field of the item; at the top it names a fact.
  const scope: PathScope = ctx.item ? 'field' : 'fact'
  const listSchema = resolvePath(target, scope, [...path, kind], ctx, fail)
  if (!listSchema) return null
  const element = elementOf(listSchema)
  if (!element) return fail('pack.condition.notAList', { path: target }, [...path, kind])
  const inner: ConditionContext = { ...ctx, item: element }
  const where = node.where === undefined ? null : parseCondition(node.where, [...path, 'where'], inner)
  if (node.where !== undefined && !where) return null
  if (kind === 'every') {
    if (node.satisfies === undefined) return fail('pack.condition.needsSatisfies', {}, path)
    const satisfies = parseCondition(node.satisfies, [...path, 'satisfies'], inner)
    return satisfies && { kind, path: target, scope, where, satisfies }
  }
  return { kind, path: target, scope, where }
}

function parseComparison(node: Record<string, unknown>, path: IssuePath, ctx: ConditionContext, fail: Fail): Condition | null {
  const scope: PathScope = 'field' in node ? 'field' : 'fact'
  if ('field' in node && 'fact' in node) return fail('pack.condition.factAndField')
  if (scope === 'field' && !ctx.item) return fail('pack.condition.fieldOutsideList', {}, [...path, 'field'])
  const subject = node[scope]
  if (typeof subject !== 'string') return fail('pack.condition.needsPath', { key: scope }, [...path, scope])
  const operators = Object.keys(node).filter((key) => key !== scope)
  if (operators.length !== 1 || !(OPERATORS as readonly string[]).includes(operators[0]!)) {
    return fail('pack.condition.oneOperator', { found: operators.join(', ') || '-', allowed: OPERATORS.join(', ') })
  }
  const op = operators[0] as Operator
  if (!resolvePath(subject, scope, [...path, scope], ctx, fail)) return null
  const raw = node[op]
  if (op === 'exists') {
    return typeof raw === 'boolean'
      ? { kind: 'compare', path: subject, scope, op, operand: raw }
      : fail('pack.condition.existsBoolean', {}, [...path, op])
  }
  if (op === 'in') {
    // A list, or a parameter holding one (a profile's list of allowed tools).
    if (isParamRef(raw)) {
      const operand = parseOperand(raw, [...path, op], ctx, fail)
      return operand === undefined ? null : { kind: 'compare', path: subject, scope, op, operand }
    }
    if (!Array.isArray(raw)) return fail('pack.condition.inList', {}, [...path, op])
    const operands = raw.map((one, index) => parseOperand(one, [...path, op, index], ctx, fail))
    return operands.every((one) => one !== undefined)
      ? { kind: 'compare', path: subject, scope, op, operand: operands as Operand[] }
      : null
  }
  const operand = parseOperand(raw, [...path, op], ctx, fail)
  return operand === undefined ? null : { kind: 'compare', path: subject, scope, op, operand }
}

/** `{ param: required, eq: false }`: lets a profile or config switch part of a rule with a parameter. */
function parseParamComparison(node: Record<string, unknown>, path: IssuePath, ctx: ConditionContext, fail: Fail): Condition | null {
  const name = node.param
  if (typeof name !== 'string' || !ctx.params.has(name)) {
    return fail('pack.condition.unknownParam', { name: String(name), known: [...ctx.params].join(', ') || '-' }, [...path, 'param'])
  }
  const operators = Object.keys(node).filter((key) => key !== 'param')
  if (operators.length !== 1 || !['eq', 'ne'].includes(operators[0]!)) {
    return fail('pack.condition.oneOperator', { found: operators.join(', ') || '-', allowed: 'eq, ne' })
  }
  const op = operators[0] as 'eq' | 'ne'
  const operand = parseOperand(node[op], [...path, op], ctx, fail)
  return operand === undefined ? null : { kind: 'compare', path: name, scope: 'param', op, operand }
}

function isParamRef(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 1 && 'param' in raw
}

/** undefined marks an invalid operand (null is a valid literal). */
function parseOperand(raw: unknown, path: IssuePath, ctx: ConditionContext, fail: Fail): Operand | undefined {
  if (raw === null || ['string', 'number', 'boolean'].includes(typeof raw)) return raw as Operand
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    const keys = Object.keys(raw)
    const value = (raw as Record<string, unknown>)[keys[0] ?? '']
    if (keys.length === 1 && keys[0] === 'param' && typeof value === 'string') {
      if (ctx.params.has(value)) return { param: value }
      fail('pack.condition.unknownParam', { name: value, known: [...ctx.params].join(', ') || '-' }, [...path, 'param'])
      return undefined
    }
    if (keys.length === 1 && keys[0] === 'fact' && typeof value === 'string') {
      return resolvePath(value, 'fact', [...path, 'fact'], ctx, fail) ? { fact: value } : undefined
    }
  }
  fail('pack.condition.badOperand')
  return undefined
}

function resolvePath(target: string, scope: PathScope, at: IssuePath, ctx: ConditionContext, fail: Fail): z.ZodType | null {
  const root = scope === 'fact' ? ctx.facts : ctx.item!
  const found = schemaAtPath(root, target)
  if (found) return found
  const parent = target.includes('.') ? schemaAtPath(root, target.slice(0, target.lastIndexOf('.'))) : root
  const known = parent ? fieldNames(parent).join(', ') : ''
  return fail(scope === 'fact' ? 'pack.condition.unknownFact' : 'pack.condition.unknownField', { path: target, known: known || '-' }, at)
}
