/**
 * Decides which rules run, with which parameters: profile overrides, then the config file's, then
 * --only/--skip. Nothing is dropped silently: a rule that does not run is reported as skipped.
 */
import { HygieneError } from '../core/errors.js'
import type { Profile } from './profiles.js'
import type { Rule } from './rule.js'
import type { RuleOverrides } from './rule-overrides.js'
import type { ParamValue } from './rule-schema.js'

export const SKIP_REASONS = ['profile', 'config', 'only', 'skip', 'deprecated'] as const
export type SkipReason = (typeof SKIP_REASONS)[number]

export interface PlannedRule {
  rule: Rule
  params: Record<string, ParamValue>
  skipped: SkipReason | null
}

export interface PlanOptions {
  profile: Profile
  config?: RuleOverrides
  only?: string[]
  skip?: string[]
}

export function planRules(rules: Rule[], options: PlanOptions): PlannedRule[] {
  const known = new Set(rules.map((rule) => rule.id))
  for (const [flag, ids] of [['--only', options.only], ['--skip', options.skip]] as const) {
    const unknown = (ids ?? []).find((id) => !known.has(id))
    if (unknown !== undefined) throw new HygieneError('plan.unknownRule', { flag, id: unknown })
  }
  const only = options.only?.length ? new Set(options.only) : null
  const skip = new Set(options.skip ?? [])
  return rules.map((rule) => {
    const fromProfile = options.profile.rules[rule.id]
    const fromConfig = options.config?.[rule.id]
    const params = { ...rule.params, ...fromProfile?.params, ...fromConfig?.params }
    let skipped: SkipReason | null = null
    if (rule.deprecated) skipped = 'deprecated'
    else if (fromConfig?.enabled === false) skipped = 'config'
    else if (fromProfile?.enabled === false && fromConfig?.enabled !== true) skipped = 'profile'
    if (only && !only.has(rule.id)) skipped = 'only'
    else if (only?.has(rule.id) && skipped !== 'deprecated') skipped = null
    if (skip.has(rule.id)) skipped = 'skip'
    return { rule, params, skipped }
  })
}
