/**
 * The score: one versioned function, documented in README.md. Its version travels in every report
 * so the collector only compares like with like.
 *
 * - Each rule weighs by severity: critical 10, high 6, medium 3, low 1.
 * - value = 100 × (weight passed + ½ weight warned) / (weight passed + warned + failed), rounded.
 *   not_applicable and skipped rules are left out; errors are left out of the value but counted
 *   as lost coverage.
 * - Any failed critical rule caps the value at 50.
 * - Grade: A ≥ 90, B ≥ 80, C ≥ 65, D ≥ 50, else F. Coverage below 80% caps the grade at C and
 *   below 50% at D, so a machine whose checks could not run never looks healthy. Nothing
 *   evaluated at all: value 0, grade F.
 */
import type { Category, Severity } from './rule-schema.js'

export const SCORING_VERSION = 1

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 6, medium: 3, low: 1 }

export const STATUSES = ['pass', 'fail', 'warn', 'error', 'not_applicable', 'skipped'] as const
export type Status = (typeof STATUSES)[number]

export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const
export type Grade = (typeof GRADES)[number]

export const CRITICAL_CAP = 50

export interface Scorable {
  id: string
  category: Category
  severity: Severity
  status: Status
}

export interface ScoreParts {
  value: number
  grade: Grade
  /** Failed critical rules that capped the value. */
  cappedBy: string[]
}

export interface Coverage {
  /** Share of the evaluated weight that could really be checked (0..1). */
  ratio: number
  counts: Record<Status, number>
}

export interface Score extends ScoreParts {
  version: number
  categories: Array<ScoreParts & { category: Category }>
  coverage: Coverage
}

export function gradeFor(value: number): Grade {
  if (value >= 90) return 'A'
  if (value >= 80) return 'B'
  if (value >= 65) return 'C'
  if (value >= 50) return 'D'
  return 'F'
}

function scoreParts(results: Scorable[]): ScoreParts & { checkedWeight: number; errorWeight: number } {
  let passed = 0
  let checked = 0
  let errors = 0
  const cappedBy: string[] = []
  for (const result of results) {
    const weight = SEVERITY_WEIGHTS[result.severity]
    if (result.status === 'pass') passed += weight
    else if (result.status === 'warn') passed += weight / 2
    else if (result.status === 'error') errors += weight
    if (result.status === 'pass' || result.status === 'warn' || result.status === 'fail') checked += weight
    if (result.status === 'fail' && result.severity === 'critical') cappedBy.push(result.id)
  }
  let value = checked === 0 ? 0 : Math.round((100 * passed) / checked)
  if (cappedBy.length > 0) value = Math.min(value, CRITICAL_CAP)
  return { value, grade: checked === 0 ? 'F' : gradeFor(value), cappedBy, checkedWeight: checked, errorWeight: errors }
}

const worse = (a: Grade, b: Grade): Grade => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b)

export function computeScore(results: Scorable[]): Score {
  const overall = scoreParts(results)
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>
  for (const result of results) counts[result.status]++
  const possible = overall.checkedWeight + overall.errorWeight
  const ratio = possible === 0 ? 1 : overall.checkedWeight / possible
  let grade = overall.grade
  if (ratio < 0.5) grade = worse(grade, 'D')
  else if (ratio < 0.8) grade = worse(grade, 'C')

  const categories = [...new Set(results.map((result) => result.category))].flatMap((category) => {
    const parts = scoreParts(results.filter((result) => result.category === category))
    return parts.checkedWeight === 0 ? [] : [{ category, value: parts.value, grade: parts.grade, cappedBy: parts.cappedBy }]
  })
  return {
    version: SCORING_VERSION,
    value: overall.value,
    grade,
    cappedBy: overall.cappedBy,
    categories,
    coverage: { ratio: Math.round(ratio * 100) / 100, counts },
  }
}
