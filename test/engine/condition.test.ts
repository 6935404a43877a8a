import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { evaluate, type Condition, type Findings } from '../../src/engine/condition.js'
import { parseCondition, type ConditionContext } from '../../src/engine/condition-parser.js'

const FactsSchema = z.object({
  box: z.object({
    count: z.number().nullable(),
    name: z.string(),
    items: z.array(z.object({ name: z.string(), age: z.number().nullable(), on: z.boolean().nullable() })),
  }),
})

function parse(raw: unknown, params: string[] = ['max']): Condition {
  const ctx: ConditionContext = { lang: 'en', facts: FactsSchema, item: null, params: new Set(params), issues: [] }
  const condition = parseCondition(raw, [], ctx)
  if (!condition) throw new Error(ctx.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  return condition
}

const facts = {
  box: {
    count: 3,
    name: 'kho',
    items: [
      { name: 'a', age: 10, on: true },
      { name: 'b', age: 200, on: true },
      { name: 'c', age: null, on: null },
      { name: 'd', age: 500, on: false },
    ],
  },
}
const run = (raw: unknown, params: Record<string, unknown> = { max: 90 }, data: unknown = facts) =>
  evaluate(parse(raw), { facts: data as Record<string, unknown>, params })

describe('comparisons', () => {
  it.each([
    [{ fact: 'box.count', eq: 3 }, true],
    [{ fact: 'box.count', ne: 3 }, false],
    [{ fact: 'box.count', lt: 3 }, false],
    [{ fact: 'box.count', lte: 3 }, true],
    [{ fact: 'box.count', gt: 2 }, true],
    [{ fact: 'box.count', gte: 4 }, false],
    [{ fact: 'box.count', in: [1, 3] }, true],
    [{ fact: 'box.name', contains: 'ho' }, true],
    [{ fact: 'box.items.length', eq: 4 }, true],
    [{ fact: 'box.count', lte: { param: 'max' } }, true],
    [{ fact: 'box.count', eq: { fact: 'box.items.length' } }, false],
  ])('%j is %s', (raw, expected) => {
    expect(run(raw)).toBe(expected)
  })

  it('compares parameters, and tests membership in a list parameter', () => {
    const parsed = parse({ all: [{ param: 'max', eq: 90 }, { fact: 'box.name', in: { param: 'allowed' } }] }, ['max', 'allowed'])
    expect(evaluate(parsed, { facts, params: { max: 90, allowed: ['kho', 'x'] } })).toBe(true)
    expect(evaluate(parsed, { facts, params: { max: 90, allowed: ['x'] } })).toBe(false)
    expect(evaluate(parsed, { facts, params: { max: 60, allowed: ['kho'] } })).toBe(false)
  })

  it('is unknown, never false or true, when the fact is null', () => {
    const data = { box: { ...facts.box, count: null } }
    expect(run({ fact: 'box.count', lte: 5 }, {}, data)).toBeNull()
    expect(run({ fact: 'box.count', gt: 5 }, {}, data)).toBeNull()
    expect(run({ fact: 'box.count', exists: false }, {}, data)).toBe(true)
    expect(run({ fact: 'box.count', eq: null }, {}, data)).toBe(true)
  })
})

describe('three-valued logic', () => {
  const unknown = { fact: 'box.items.length', gt: { param: 'missing' } }
  it('all: false beats unknown beats true', () => {
    expect(evaluate(parse({ all: [{ fact: 'box.count', eq: 1 }, unknown] }, ['missing']), { facts, params: {} })).toBe(false)
    expect(evaluate(parse({ all: [{ fact: 'box.count', eq: 3 }, unknown] }, ['missing']), { facts, params: {} })).toBeNull()
  })
  it('any: true beats unknown beats false', () => {
    expect(evaluate(parse({ any: [{ fact: 'box.count', eq: 3 }, unknown] }, ['missing']), { facts, params: {} })).toBe(true)
    expect(evaluate(parse({ any: [{ fact: 'box.count', eq: 1 }, unknown] }, ['missing']), { facts, params: {} })).toBeNull()
  })
  it('not keeps unknown unknown', () => {
    expect(evaluate(parse({ not: unknown }, ['missing']), { facts, params: {} })).toBeNull()
    expect(run({ not: { fact: 'box.count', eq: 3 } })).toBe(false)
  })
})

describe('list conditions', () => {
  it('every: false with the offending items, whatever else is unknown', () => {
    const findings: Findings = { offenders: [], unknowns: [] }
    const condition = parse({ every: 'box.items', where: { field: 'on', eq: true }, satisfies: { field: 'age', lte: { param: 'max' } } })
    expect(evaluate(condition, { facts, params: { max: 90 } }, findings)).toBe(false)
    expect(findings.offenders).toEqual([facts.box.items[1]])
    expect(findings.unknowns).toEqual([facts.box.items[2]])
  })

  it('every: unknown when only unknown items stand in the way', () => {
    const condition = parse({ every: 'box.items', where: { field: 'on', eq: true }, satisfies: { field: 'age', lte: { param: 'max' } } })
    expect(evaluate(condition, { facts, params: { max: 300 } })).toBeNull()
  })

  it('every over no selected item is true', () => {
    expect(run({ every: 'box.items', where: { field: 'name', eq: 'zz' }, satisfies: { field: 'age', lt: 0 } })).toBe(true)
  })

  it('some and empty', () => {
    expect(run({ some: 'box.items', where: { field: 'age', gt: 400 } })).toBe(true)
    expect(run({ empty: 'box.items', where: { field: 'age', gt: 400 } })).toBe(false)
    expect(run({ empty: 'box.items', where: { field: 'age', gt: 1000 } })).toBeNull()
    expect(run({ empty: 'box.items', where: { field: 'name', eq: 'zz' } })).toBe(true)
    expect(run({ empty: 'box.items' })).toBe(false)
  })

  it('a fact operand inside a list item reads the facts, not the item', () => {
    const known = { box: { ...facts.box, items: facts.box.items.filter((item) => item.age !== null) } }
    expect(run({ some: 'box.items', where: { field: 'age', lt: { fact: 'box.count' } } }, {}, known)).toBe(false)
    expect(run({ some: 'box.items', where: { field: 'age', gt: { fact: 'box.count' } } }, {}, known)).toBe(true)
  })

  it('a list that is not there is unknown', () => {
    expect(run({ empty: 'box.items' }, {}, { box: { ...facts.box, items: null } })).toBeNull()
  })
})
