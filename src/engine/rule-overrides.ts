/**
 * Per-rule switches and parameters, as profiles and the config file give them
 * (`rules.<id>.enabled`, `rules.<id>.params`), checked against the loaded rules.
 */
import { z } from 'zod'
import type { FieldPath, FieldIssue } from '../core/yaml-file.js'
import { t, type Lang } from '../i18n/index.js'
import type { Rule } from './rule.js'
import { ParamValueSchema, type ParamValue } from './rule-schema.js'

export const RuleOverrideSchema = z.strictObject({
  enabled: z.boolean().optional(),
  params: z.record(z.string(), ParamValueSchema).optional(),
})
export type RuleOverride = z.infer<typeof RuleOverrideSchema>
export type RuleOverrides = Record<string, RuleOverride>

/** Issues for overrides naming an unknown rule or parameter, or giving a parameter of the wrong type. */
export function checkOverrides(overrides: RuleOverrides, rules: Rule[], at: FieldPath, lang: Lang): FieldIssue[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  const issues: FieldIssue[] = []
  for (const [id, override] of Object.entries(overrides)) {
    const rule = byId.get(id)
    if (!rule) {
      issues.push({ path: [...at, id], message: t(lang, 'config.unknownRule', { id }) })
      continue
    }
    for (const [name, value] of Object.entries(override.params ?? {})) {
      const current = rule.params[name]
      if (current === undefined) {
        const known = Object.keys(rule.params).join(', ') || '-'
        issues.push({ path: [...at, id, 'params', name], message: t(lang, 'config.unknownParam', { id, name, known }) })
      } else if (kindOf(current) !== kindOf(value)) {
        issues.push({
          path: [...at, id, 'params', name],
          message: t(lang, 'config.paramType', { name, expected: kindOf(current), value: JSON.stringify(value) }),
        })
      }
    }
  }
  return issues
}

function kindOf(value: ParamValue): string {
  return Array.isArray(value) ? 'list' : typeof value
}
