/** Reports for collector tests: built by the real engine from facts, so they keep the contract. */
import { randomUUID } from 'node:crypto'
import { fixedClock } from '../../src/core/clock.js'
import { evaluateRules } from '../../src/engine/evaluate.js'
import { planRules } from '../../src/engine/plan.js'
import { buildReport } from '../../src/report/build-report.js'
import { ReportSchema, type Report } from '../../src/report/schema.js'
import { builtinPacks } from './engine.js'
import { healthyFacts, osFacts, snapshotOf } from './facts.js'

export interface ReportOptions {
  facts?: Record<string, unknown>
  generatedAt?: string
  hostname?: string
  machineIdHash?: string
}

export async function makeReport(options: ReportOptions = {}): Promise<Report> {
  const { rules, profiles, data } = await builtinPacks()
  const os = osFacts({
    hostname: options.hostname ?? 'pc-01',
    machineIdHash: options.machineIdHash ?? randomUUID().replace(/-/g, ''),
  })
  const snapshot = snapshotOf({ ...healthyFacts(), os, ...options.facts })
  const generatedAt = options.generatedAt ?? '2026-11-29T03:00:00.000Z'
  const results = evaluateRules(planRules(rules, { profile: profiles.office }), {
    platform: 'linux',
    lang: 'vi',
    data,
    now: new Date(generatedAt),
    probes: snapshot.probes,
  })
  return ReportSchema.parse(
    buildReport({ results, snapshot, factsSource: 'collected', profile: 'office', lang: 'vi', clock: fixedClock(generatedAt), agentVersion: '0.1.0' }),
  )
}

/** The collector's view of rule weights, from the built-in packs. */
export async function builtinWeights() {
  const { rules } = await builtinPacks()
  return new Map(rules.map((rule) => [rule.id, { severity: rule.severity, category: rule.category }]))
}

/** A report in one language from saved facts (office profile, Linux), as the text and HTML renderers get it. */
export async function reportInLang(facts: Record<string, unknown>, lang: 'vi' | 'en', extra: { user?: string; unit?: Report['unit'] } = {}): Promise<Report> {
  const { rules, profiles, data } = await builtinPacks()
  const snapshot = snapshotOf(facts)
  const results = evaluateRules(planRules(rules, { profile: profiles.office }), {
    platform: 'linux',
    lang,
    data,
    now: new Date('2026-11-29T12:00:00Z'),
    probes: snapshot.probes,
  })
  return ReportSchema.parse(
    buildReport({ results, snapshot, factsSource: 'file', profile: 'office', lang, clock: fixedClock('2026-11-29T12:00:00Z'), agentVersion: '1.2.3', ...extra }),
  )
}
