import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseCondition, type ConditionContext } from '../../src/engine/condition-parser.js'

const FactsSchema = z.object({
  accounts: z.object({ users: z.array(z.object({ name: z.string(), age: z.number() })), policy: z.number() }),
})

function issuesOf(raw: unknown, lang: 'en' | 'vi' = 'en') {
  const ctx: ConditionContext = { lang, facts: FactsSchema, item: null, params: new Set(['maxAgeDays']), issues: [] }
  const result = parseCondition(raw, ['passWhen'], ctx)
  return { result, issues: ctx.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) }
}

describe('parseCondition', () => {
  it('accepts a valid nested condition', () => {
    const { result, issues } = issuesOf({
      all: [
        { fact: 'accounts.policy', lte: { param: 'maxAgeDays' } },
        { every: 'accounts.users', satisfies: { field: 'age', lt: 5 } },
      ],
    })
    expect(issues).toEqual([])
    expect(result).not.toBeNull()
  })

  it.each([
    [{ fact: 'accounts.polcy', eq: 1 }, 'passWhen.fact', 'no probe gathers the fact "accounts.polcy" (known here: users, policy)'],
    [{ fact: 'accounts.policy', lesser: 1 }, 'passWhen', 'exactly one operator; found: lesser'],
    [{ fact: 'accounts.policy', eq: 1, ne: 2 }, 'passWhen', 'found: eq, ne'],
    [{ fact: 'accounts.policy', lte: { param: 'maxDays' } }, 'passWhen.lte.param', 'unknown parameter "maxDays" (this rule has: maxAgeDays)'],
    [{ field: 'age', eq: 1 }, 'passWhen.field', 'only allowed inside every/some/empty'],
    [{ every: 'accounts.policy', satisfies: { field: 'age', eq: 1 } }, 'passWhen.every', 'accounts.policy is not a list'],
    [{ every: 'accounts.users', satisfies: { field: 'agee', eq: 1 } }, 'passWhen.satisfies.field', 'no field "agee" (known: name, age)'],
    [{ every: 'accounts.users' }, 'passWhen', '"every" needs a "satisfies" condition'],
    [{ some: 'accounts.users', where: { field: 'age', gt: 1 }, satisfies: {} }, 'passWhen', 'unexpected key(s) satisfies'],
    [{ all: [] }, 'passWhen.all', 'non-empty list'],
    [{ fact: 'accounts.policy', exists: 'yes' }, 'passWhen.exists', 'true or false'],
    [{ fact: 'accounts.policy', in: 3 }, 'passWhen.in', 'list of values'],
    [{ fact: 'accounts.policy', eq: [1] }, 'passWhen', 'a value must be'],
    [{ whatever: 1 }, 'passWhen', 'not a condition (keys: whatever)'],
    [{ param: 'nope', eq: 1 }, 'passWhen.param', 'unknown parameter "nope"'],
    [{ param: 'maxAgeDays', lt: 1 }, 'passWhen', 'allowed: eq, ne'],
    ['accounts.policy > 3', 'passWhen', 'must be a mapping'],
  ])('reports %j at %s', (raw, path, message) => {
    const { result, issues } = issuesOf(raw)
    expect(result).toBeNull()
    expect(issues[0]?.path).toBe(path)
    expect(issues[0]?.message).toContain(message)
  })

  it('speaks Vietnamese when asked', () => {
    const { issues } = issuesOf({ fact: 'accounts.polcy', eq: 1 }, 'vi')
    expect(issues[0]?.message).toContain('không có mô-đun nào thu thập dữ kiện "accounts.polcy"')
  })

  it('reports every mistake, not only the first', () => {
    const { issues } = issuesOf({ any: [{ fact: 'x.y', eq: 1 }, { fact: 'accounts.policy', lte: { param: 'p' } }] })
    expect(issues.map((issue) => issue.path)).toEqual(['passWhen.any.0.fact', 'passWhen.any.1.lte.param'])
  })
})
