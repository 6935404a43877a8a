import { describe, expect, it } from 'vitest'
import { planRules } from '../../src/engine/plan.js'
import { builtinPacks } from '../helpers/engine.js'

describe('planRules', async () => {
  const { rules, profiles } = await builtinPacks()
  const byId = (plan: ReturnType<typeof planRules>, id: string) => plan.find((p) => p.rule.id === id)!

  it('runs every rule with its defaults in the office profile', () => {
    const plan = planRules(rules, { profile: profiles.office })
    expect(plan.every((p) => p.skipped === null)).toBe(true)
    expect(byId(plan, 'password.max-age').params).toEqual({ maxAgeDays: 90 })
  })

  it('applies profile, then config parameters', () => {
    const plan = planRules(rules, {
      profile: profiles.police,
      config: { 'backup.recent': { params: { maxAgeDays: 1 } } },
    })
    expect(byId(plan, 'password.max-age').params).toEqual({ maxAgeDays: 60 })
    expect(byId(plan, 'backup.recent').params).toEqual({ maxAgeDays: 1 })
  })

  it('skips with a reason: config, --only, --skip', () => {
    const plan = planRules(rules, {
      profile: profiles.office,
      config: { 'backup.recent': { enabled: false } },
      skip: ['updates.pending'],
    })
    expect(byId(plan, 'backup.recent').skipped).toBe('config')
    expect(byId(plan, 'updates.pending').skipped).toBe('skip')
    const only = planRules(rules, { profile: profiles.office, only: ['backup.recent'] })
    expect(only.filter((p) => p.skipped === null).map((p) => p.rule.id)).toEqual(['backup.recent'])
    expect(byId(only, 'password.max-age').skipped).toBe('only')
  })

  it('refuses an unknown rule id in --only or --skip', () => {
    expect(() => planRules(rules, { profile: profiles.office, only: ['no.such-rule'] })).toThrow(
      expect.objectContaining({ key: 'plan.unknownRule', vars: { flag: '--only', id: 'no.such-rule' } }),
    )
  })
})
