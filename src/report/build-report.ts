/** Assembles the report from the rule results, the score and the facts snapshot. */
import { randomUUID } from 'node:crypto'
import type { Clock } from '../core/clock.js'
import type { Lang } from '../i18n/index.js'
import type { RuleResult } from '../engine/evaluate.js'
import { pick } from '../engine/localized.js'
import type { ProfileName } from '../engine/profiles.js'
import { computeScore, SEVERITY_WEIGHTS, type Status } from '../engine/score.js'
import type { FactsSnapshot } from '../probes/snapshot.js'
import { REPORT_SCHEMA_VERSION, type Report, type Result } from './schema.js'

export interface BuildReportOptions {
  results: RuleResult[]
  snapshot: FactsSnapshot
  factsSource: 'collected' | 'file'
  profile: ProfileName
  lang: Lang
  clock: Clock
  agentVersion: string
  notices?: Report['notices']
  /** The unit this PC is enrolled in, from its configuration. */
  unit?: Report['unit']
  /** The account the check ran as. */
  user?: string
  /** Injected for reproducible tests; a fresh UUID otherwise. */
  reportId?: string
}

export const STATUS_ORDER: readonly Status[] = ['fail', 'warn', 'error', 'pass', 'not_applicable', 'skipped']
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low']

export function buildReport(options: BuildReportOptions): Report {
  const { lang, snapshot } = options
  const results: Result[] = options.results.map(({ rule, status, message, evidence }) => {
    const remediation = rule.remediation[snapshot.device.os.platform] ?? rule.remediation.default
    return {
      id: rule.id,
      title: pick(rule.title, lang),
      category: rule.category,
      severity: rule.severity,
      weight: SEVERITY_WEIGHTS[rule.severity],
      status,
      message,
      evidence,
      remediation: (status === 'fail' || status === 'warn') && remediation ? pick(remediation, lang) : null,
    }
  })
  results.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.id.localeCompare(b.id),
  )
  const score = computeScore(results)
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    reportId: options.reportId ?? randomUUID(),
    generatedAt: options.clock.now().toISOString(),
    lang,
    agent: { version: options.agentVersion },
    device: snapshot.device,
    ...(options.unit ? { unit: options.unit } : {}),
    ...(options.user ? { user: options.user } : {}),
    profile: options.profile,
    facts: { source: options.factsSource, collectedAt: snapshot.collectedAt },
    score: { version: score.version, value: score.value, grade: score.grade, cappedBy: score.cappedBy, categories: score.categories },
    coverage: score.coverage,
    notices: options.notices ?? [],
    results,
  }
}
