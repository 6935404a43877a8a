/**
 * Judges the facts with the planned rules. Order of decisions for one rule: not for this platform
 * → not_applicable; switched off → skipped; a needed probe failed → error (with its reason);
 * `appliesWhen` false → not_applicable; then `passWhen` (or the evaluator): true → pass (warn when
 * `warnWhen` holds), false → fail, unknown → error. An error is never a pass.
 */
import type { Platform } from '../core/platform.js'
import { t, type Lang, type MessageKey } from '../i18n/index.js'
import type { ProbeOutcome } from '../probes/snapshot.js'
import { evaluate, evaluateOnItem, readPath, type EvaluationScope, type Findings, type Truth } from './condition.js'
import type { EngineData } from './engine-data.js'
import { pick } from './localized.js'
import type { PlannedRule } from './plan.js'
import type { OutcomeMessage, Rule } from './rule.js'
import type { Status } from './score.js'
import { renderTemplate } from './template.js'

export interface RuleResult {
  rule: Rule
  params: Record<string, unknown>
  status: Status
  message: string
  evidence: Record<string, unknown>
}

export interface EvaluateContext {
  platform: Platform
  lang: Lang
  data: EngineData
  now: Date
  probes: Record<string, ProbeOutcome>
}

export function evaluateRules(plan: PlannedRule[], ctx: EvaluateContext): RuleResult[] {
  const facts: Record<string, unknown> = {}
  for (const [id, outcome] of Object.entries(ctx.probes)) {
    if (outcome.status === 'ok') facts[id] = outcome.facts
  }
  return plan.map((planned) => evaluateRule(planned, facts, ctx))
}

function evaluateRule(planned: PlannedRule, facts: Record<string, unknown>, ctx: EvaluateContext): RuleResult {
  const { rule, params } = planned
  const result = (status: Status, message: string, evidence: Record<string, unknown> = {}): RuleResult => ({
    rule,
    params,
    status,
    message,
    evidence,
  })
  const say = (key: MessageKey, vars: Record<string, string | number> = {}): string => t(ctx.lang, key, vars)

  if (!rule.platforms.includes(ctx.platform)) {
    return result('not_applicable', say('result.notForPlatform', { platform: ctx.platform }))
  }
  if (planned.skipped) return result('skipped', say(`result.skipped.${planned.skipped}`))
  for (const probe of rule.probes) {
    const outcome = ctx.probes[probe]
    if (!outcome) return result('error', say('result.factsMissing', { probe }))
    if (outcome.status === 'unsupported') return result('error', say('result.probeUnsupported', { probe, platform: ctx.platform }))
    if (outcome.status === 'error') return result('error', say('result.probeFailed', { probe, reason: outcome.reason }))
  }

  const scope: EvaluationScope = { facts, params }
  const findings: Findings = { offenders: [], unknowns: [] }
  let evidence = collectEvidence(rule, scope)
  const vars = (): Record<string, unknown> => ({ ...params, ...evidence, ...findings })
  const message = (outcome: OutcomeMessage, fallback: MessageKey): string => {
    const variant = rule.messages[outcome]?.find((v) => v.when === null || evaluate(v.when, scope) === true)
    return variant ? renderTemplate(pick(variant.text, ctx.lang), vars()) : say(fallback)
  }

  if (rule.appliesWhen) {
    // Items it could not judge are the ones the `unknown` message names.
    const applies = evaluate(rule.appliesWhen, scope, { offenders: [], unknowns: findings.unknowns })
    if (applies === false) return result('not_applicable', message('notApplicable', 'result.notApplicable'), evidence)
    if (applies === null) return result('error', message('unknown', 'result.unknown'), evidence)
    findings.unknowns.length = 0
  }

  let passed: Truth
  let warn = false
  if (rule.evaluator) {
    const outcome = rule.evaluator.evaluate({ facts, params, data: ctx.data, now: ctx.now })
    passed = outcome.passed
    warn = outcome.warn
    evidence = { ...evidence, ...outcome.evidence }
  } else {
    passed = evaluate(rule.passWhen!, scope, findings)
  }
  if (passed === true && rule.warnWhen && evaluate(rule.warnWhen, scope) === true) warn = true

  if (passed === null) return result('error', message('unknown', 'result.unknown'), evidence)
  if (passed === false) return result('fail', message('fail', 'result.failed'), evidence)
  if (warn) return result('warn', message('warn', 'result.warned'), evidence)
  return result('pass', message('pass', 'result.passed'), evidence)
}

function collectEvidence(rule: Rule, scope: EvaluationScope): Record<string, unknown> {
  const evidence: Record<string, unknown> = {}
  for (const field of rule.evidence) {
    const value = readPath(scope.facts, field.fact)
    if (!Array.isArray(value)) {
      evidence[field.name] = value ?? null
      continue
    }
    const where = field.where
    let items = where ? value.filter((item) => evaluateOnItem(where, scope, item) === true) : value
    if (field.limit !== null) items = items.slice(0, field.limit)
    evidence[field.name] = field.fields ? items.map((item) => project(item, field.fields!)) : items
  }
  return evidence
}

function project(item: unknown, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, readPath(item, field) ?? null]))
}
