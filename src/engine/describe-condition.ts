/** Writes a condition back as one readable line, for `hygiene explain`. Parameters show their value. */
import { t, type Lang } from '../i18n/index.js'
import type { Condition, Operand, Operator } from './condition.js'

const SYMBOLS: Record<Operator, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: '∈',
  contains: '∋',
  exists: 'exists',
}

export function describeCondition(condition: Condition, lang: Lang, params: Record<string, unknown>): string {
  const word = (key: 'and' | 'or' | 'not' | 'every' | 'some' | 'none' | 'where' | 'exists' | 'missing'): string =>
    t(lang, `explain.word.${key}`)
  const operand = (value: Operand | Operand[]): string => {
    if (Array.isArray(value)) return `[${value.map(operand).join(', ')}]`
    if (value !== null && typeof value === 'object') {
      return 'param' in value ? `${value.param} (${JSON.stringify(params[value.param])})` : value.fact
    }
    return JSON.stringify(value)
  }
  const describe = (node: Condition): string => {
    switch (node.kind) {
      case 'all':
        return `(${node.items.map(describe).join(` ${word('and')} `)})`
      case 'any':
        return `(${node.items.map(describe).join(` ${word('or')} `)})`
      case 'not':
        return `${word('not')} ${describe(node.item)}`
      case 'compare':
        if (node.op === 'exists') return `${node.path} ${word(node.operand === true ? 'exists' : 'missing')}`
        return `${node.scope === 'param' ? operand({ param: node.path }) : node.path} ${SYMBOLS[node.op]} ${operand(node.operand)}`
      case 'every':
        return `${word('every')} ${node.path}${node.where ? ` ${word('where')} ${describe(node.where)}` : ''}: ${describe(node.satisfies)}`
      case 'some':
      case 'empty':
        return `${word(node.kind === 'some' ? 'some' : 'none')} ${node.path}${node.where ? ` ${word('where')} ${describe(node.where)}` : ''}`
    }
  }
  return describe(condition)
}
