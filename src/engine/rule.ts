/** A rule as the engine uses it: validated, conditions parsed, dependencies known. */
import type { Platform } from '../core/platform.js'
import type { Condition } from './condition.js'
import type { Evaluator } from './evaluators/evaluator.js'
import type { Localized } from './localized.js'
import type { Category, ParamValue, Severity } from './rule-schema.js'

export const OUTCOME_MESSAGES = ['pass', 'fail', 'warn', 'notApplicable', 'unknown'] as const
export type OutcomeMessage = (typeof OUTCOME_MESSAGES)[number]

export interface MessageVariant {
  when: Condition | null
  text: Localized
}

export interface EvidenceField {
  name: string
  fact: string
  where: Condition | null
  fields: string[] | null
  limit: number | null
}

export interface Rule {
  id: string
  category: Category
  severity: Severity
  platforms: Platform[]
  title: Localized
  rationale: Localized
  remediation: Partial<Record<Platform | 'default', Localized>>
  references: string[]
  params: Record<string, ParamValue>
  appliesWhen: Condition | null
  passWhen: Condition | null
  warnWhen: Condition | null
  evaluator: Evaluator | null
  evidence: EvidenceField[]
  messages: Partial<Record<OutcomeMessage, MessageVariant[]>>
  deprecated: boolean
  replacedBy: string | null
  /** Probe ids whose facts the rule reads. */
  probes: string[]
  origin: { file: string; line: number | null }
}
