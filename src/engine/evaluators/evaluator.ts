/**
 * A named evaluator judges what the declarative conditions cannot say (a lookup in a data table,
 * date arithmetic). Rules name it with `evaluator:`; it reads facts, never runs commands.
 */
import type { Truth } from '../condition.js'
import type { EngineData } from '../engine-data.js'

export interface EvaluatorInput {
  facts: Record<string, unknown>
  params: Record<string, unknown>
  data: EngineData
  now: Date
}

export interface EvaluatorOutcome {
  /** true: pass, false: fail, null: cannot tell (reported as error with the rule's `unknown` message). */
  passed: Truth
  /** A pass that deserves attention. */
  warn: boolean
  evidence: Record<string, unknown>
}

export interface Evaluator {
  name: string
  /** Probe ids whose facts it reads. */
  probes: string[]
  /** Parameters it reads, with the type each must have. */
  params: Record<string, 'number' | 'string' | 'boolean'>
  evaluate(input: EvaluatorInput): EvaluatorOutcome
}
