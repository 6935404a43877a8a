/**
 * The collector never trusts the score in a report: it scores the results again with its own copy
 * of the rules' severities (the same function as the agent, src/engine/score.ts). Results of rules
 * it does not know (a pack added on the PC) do not count, so nobody raises a score with a pack of
 * rules that always pass.
 */
import type { Category, Severity } from '../engine/rule-schema.js'
import { computeScore, SCORING_VERSION, type Grade } from '../engine/score.js'
import type { Report } from '../report/schema.js'

export interface RuleWeight {
  severity: Severity
  category: Category
}

export interface Rescored {
  score: number
  /** With the coverage caps of src/engine/score.ts: a PC whose checks could not run never looks healthy. */
  grade: Grade
  coverage: number
  scoreVersion: number
  criticalFailures: number
  failedRules: string[]
  /** The score claimed in the report differs from the recomputed one. */
  mismatch: boolean
}

export function rescore(report: Report, rules: ReadonlyMap<string, RuleWeight>): Rescored {
  const known = report.results.flatMap((result) => {
    const rule = rules.get(result.id)
    return rule ? [{ id: result.id, status: result.status, ...rule }] : []
  })
  const score = computeScore(known)
  const failed = known.filter((result) => result.status === 'fail')
  return {
    score: score.value,
    grade: score.grade,
    coverage: score.coverage.ratio,
    scoreVersion: SCORING_VERSION,
    criticalFailures: failed.filter((result) => result.severity === 'critical').length,
    failedRules: failed.map((result) => result.id).sort(),
    mismatch: report.score.value !== score.value,
  }
}
