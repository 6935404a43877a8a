/**
 * The declarative condition language of rule packs, and its evaluation over facts.
 *
 * A condition is one of:
 *   { all: [c, ...] }  { any: [c, ...] }  { not: c }
 *   { fact: PATH, <op>: OPERAND }            comparison; inside a list condition `field:` replaces `fact:`
 *   { param: NAME, <op>: OPERAND }           a comparison on a parameter (a profile's choice, e.g. required: true)
 *   { every: PATH, where?: c, satisfies: c } every item (of those matching `where`) satisfies `c`
 *   { some: PATH, where?: c }                at least one item matches
 *   { empty: PATH, where?: c }               no item matches (the list is empty when `where` is absent)
 * Operators: eq ne lt lte gt gte in contains exists. An operand is a literal, { param: NAME } or
 * { fact: PATH }. Paths are dotted; `length` of a list is its size.
 *
 * Evaluation is three-valued: a fact that could not be read (null) makes a comparison unknown,
 * and unknown is never a pass. `false` wins over unknown in `all`, `true` wins in `any`.
 */
export const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'exists'] as const
export type Operator = (typeof OPERATORS)[number]

export type Literal = string | number | boolean | null
export type Operand = Literal | { param: string } | { fact: string }

export type Condition =
  | { kind: 'all'; items: Condition[] }
  | { kind: 'any'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; path: string; scope: PathScope | 'param'; op: Operator; operand: Operand | Operand[] }
  | { kind: 'every'; path: string; scope: PathScope; where: Condition | null; satisfies: Condition }
  | { kind: 'some'; path: string; scope: PathScope; where: Condition | null }
  | { kind: 'empty'; path: string; scope: PathScope; where: Condition | null }

/** Whether a path starts at the facts (`fact:`) or at the current list item (`field:`). */
export type PathScope = 'fact' | 'field'

export type Truth = boolean | null

/** Reads a dotted path; `length` of an array is its size. undefined when the path does not exist. */
export function readPath(root: unknown, path: string): unknown {
  let value: unknown = root
  for (const segment of path.split('.')) {
    if (Array.isArray(value) && segment === 'length') value = value.length
    else if (value !== null && typeof value === 'object' && Object.hasOwn(value, segment)) {
      value = (value as Record<string, unknown>)[segment]
    } else return undefined
  }
  return value
}

export interface EvaluationScope {
  facts: Record<string, unknown>
  params: Record<string, unknown>
}

/** Items that made a list condition fail, and items it could not judge, for messages and evidence. */
export interface Findings {
  offenders: unknown[]
  unknowns: unknown[]
}

export function evaluate(condition: Condition, scope: EvaluationScope, findings?: Findings): Truth {
  return evaluateIn(condition, scope, scope.facts, findings)
}

/** Evaluates a list-item condition (one written with `field:`) on a single item. */
export function evaluateOnItem(condition: Condition, scope: EvaluationScope, item: unknown): Truth {
  return evaluateIn(condition, scope, item)
}

function evaluateIn(condition: Condition, scope: EvaluationScope, item: unknown, findings?: Findings): Truth {
  switch (condition.kind) {
    case 'all': {
      let result: Truth = true
      for (const child of condition.items) {
        const value = evaluateIn(child, scope, item, findings)
        if (value === false) result = false
        else if (value === null && result === true) result = null
      }
      return result
    }
    case 'any': {
      let result: Truth = false
      for (const child of condition.items) {
        const value = evaluateIn(child, scope, item, findings)
        if (value === true) return true
        if (value === null) result = null
      }
      return result
    }
    case 'not': {
      const value = evaluateIn(condition.item, scope, item)
      return value === null ? null : !value
    }
    case 'compare': {
      const subject =
        condition.scope === 'param'
          ? scope.params[condition.path]
          : readPath(condition.scope === 'fact' ? scope.facts : item, condition.path)
      return compare(condition.op, subject, resolveOperand(condition.operand, scope))
    }
    case 'every':
    case 'some':
    case 'empty':
      return evaluateList(condition, scope, item, findings)
  }
}

function evaluateList(
  condition: Extract<Condition, { kind: 'every' | 'some' | 'empty' }>,
  scope: EvaluationScope,
  item: unknown,
  findings?: Findings,
): Truth {
  const list = readPath(condition.scope === 'fact' ? scope.facts : item, condition.path)
  if (!Array.isArray(list)) return null
  const offenders: unknown[] = []
  const unknowns: unknown[] = []
  for (const element of list) {
    const selected = condition.where ? evaluateIn(condition.where, scope, element) : true
    if (selected === false) continue
    if (condition.kind === 'every') {
      const satisfied = evaluateIn(condition.satisfies, scope, element)
      // An item that may not even be selected cannot prove a failure: it stays unknown.
      if (satisfied === false && selected === true) offenders.push(element)
      else if (satisfied !== true) unknowns.push(element)
    } else if (selected === true) offenders.push(element)
    else unknowns.push(element)
  }
  // Offenders of the outermost lists are what the rule's message names. For `some`, the items
  // found are what passes, not what offends: only its unknowns are worth naming.
  if (findings && condition.scope === 'fact') {
    if (condition.kind !== 'some') findings.offenders.push(...offenders)
    findings.unknowns.push(...unknowns)
  }
  switch (condition.kind) {
    case 'every':
      return offenders.length > 0 ? false : unknowns.length > 0 ? null : true
    case 'some':
      return offenders.length > 0 ? true : unknowns.length > 0 ? null : false
    case 'empty':
      return offenders.length > 0 ? false : unknowns.length > 0 ? null : true
  }
}

function resolveOperand(operand: Operand | Operand[], scope: EvaluationScope): unknown {
  if (Array.isArray(operand)) return operand.map((one) => resolveOperand(one, scope))
  if (operand !== null && typeof operand === 'object') {
    return 'param' in operand ? scope.params[operand.param] : readPath(scope.facts, operand.fact)
  }
  return operand
}

function compare(op: Operator, subject: unknown, operand: unknown): Truth {
  if (op === 'exists') return (subject !== null && subject !== undefined) === operand
  if ((op === 'eq' || op === 'ne') && operand === null) return (subject === null || subject === undefined) === (op === 'eq')
  if (subject === null || subject === undefined || operand === undefined) return null
  switch (op) {
    case 'eq':
      return subject === operand
    case 'ne':
      return subject !== operand
    case 'in':
      return Array.isArray(operand) ? operand.includes(subject) : null
    case 'contains':
      if (Array.isArray(subject)) return subject.includes(operand)
      return typeof subject === 'string' && typeof operand === 'string' ? subject.includes(operand) : null
    default: {
      const comparable =
        (typeof subject === 'number' && typeof operand === 'number') ||
        (typeof subject === 'string' && typeof operand === 'string')
      if (!comparable) return null
      const a = subject as number | string
      const b = operand as number | string
      return op === 'lt' ? a < b : op === 'lte' ? a <= b : op === 'gt' ? a > b : a >= b
    }
  }
}

/** Every fact path a condition reads (not field paths inside list items), for dependency tracking. */
export function factPaths(condition: Condition): string[] {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.items.flatMap(factPaths)
    case 'not':
      return factPaths(condition.item)
    case 'compare':
      return [
        ...(condition.scope === 'fact' ? [condition.path] : []),
        ...[condition.operand].flat().flatMap((o) => (o !== null && typeof o === 'object' && 'fact' in o ? [o.fact] : [])),
      ]
    case 'every':
    case 'some':
    case 'empty':
      return [
        ...(condition.scope === 'fact' ? [condition.path] : []),
        ...(condition.where ? factPaths(condition.where) : []),
        ...(condition.kind === 'every' ? factPaths(condition.satisfies) : []),
      ]
  }
}
