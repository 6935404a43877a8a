/**
 * The unit-level table the police file (README.md, "Unit scores"): a device counts with its latest
 * report of the last 30 days; a unit's score is the mean of those devices' scores. Also: devices
 * enrolled, reporting in the last 7 days, stale (no report in 30 days), critical failures in the
 * latest reports, and the five rules failed on most devices.
 */
import { sql } from 'kysely'
import type { Db } from '../db/schema.js'

export const REPORTING_DAYS = 7
export const STALE_DAYS = 30
const TOP_RULES = 5

export interface FailedRule {
  id: string
  devices: number
}

export interface UnitRow {
  code: string
  name: string
  /** Mean of the devices' scores, one decimal; null when no device reported in 30 days. */
  score: number | null
  devices: number
  reporting7d: number
  stale: number
  criticalFailures: number
  topFailedRules: FailedRule[]
}

const daysBefore = (now: Date, days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString()

/**
 * Reads the per-unit totals the triggers keep over every latest report, then takes out the few
 * latest reports older than 7 days (not reporting) and 30 days (no longer counted): the work grows
 * with the units and the silent devices, not with every device.
 */
export async function unitTable(db: Db, now: Date, only?: string): Promise<UnitRow[]> {
  const recent = daysBefore(now, STALE_DAYS)
  const week = daysBefore(now, REPORTING_DAYS)
  const [units, aging, failures, agingFailures] = await Promise.all([
    db
      .selectFrom('units as u')
      .leftJoin('unit_totals as t', 't.unit_code', 'u.code')
      .select(['u.code', 'u.name', 't.devices', 't.reported', 't.score_sum', 't.critical_failures'])
      .$if(Boolean(only), (q) => q.where('u.code', '=', only!))
      .orderBy('u.code')
      .execute(),
    db
      .selectFrom('device_latest')
      .select((eb) => [
        'unit_code',
        eb.fn.countAll<string>().as('older'),
        sql<string>`sum(case when ${eb.ref('generated_at')} < ${recent} then 1 else 0 end)`.as('stale'),
        sql<string>`sum(case when ${eb.ref('generated_at')} < ${recent} then ${eb.ref('score')} else 0 end)`.as('stale_score'),
        sql<string>`sum(case when ${eb.ref('generated_at')} < ${recent} then ${eb.ref('critical_failures')} else 0 end)`.as('stale_critical'),
      ])
      .where('generated_at', '<', week)
      .$if(Boolean(only), (q) => q.where('unit_code', '=', only!))
      .groupBy('unit_code')
      .execute(),
    db
      .selectFrom('unit_failures')
      .select(['unit_code', 'rule_id', 'devices'])
      .where('devices', '>', 0)
      .$if(Boolean(only), (q) => q.where('unit_code', '=', only!))
      .execute(),
    db
      .selectFrom('device_failures')
      .select((eb) => ['unit_code', 'rule_id', eb.fn.countAll<string>().as('devices')])
      .where('generated_at', '<', recent)
      .$if(Boolean(only), (q) => q.where('unit_code', '=', only!))
      .groupBy(['unit_code', 'rule_id'])
      .execute(),
  ])

  const agingBy = new Map(aging.map((row) => [row.unit_code, row]))
  const ruleKey = (unit: string, rule: string) => `${unit}\u0000${rule}`
  const staleFailures = new Map(agingFailures.map((row) => [ruleKey(row.unit_code, row.rule_id), Number(row.devices)]))
  const topByUnit = new Map<string, FailedRule[]>()
  for (const row of failures) {
    const devices = Number(row.devices) - (staleFailures.get(ruleKey(row.unit_code, row.rule_id)) ?? 0)
    if (devices === 0) continue
    const list = topByUnit.get(row.unit_code) ?? []
    list.push({ id: row.rule_id, devices })
    topByUnit.set(row.unit_code, list)
  }
  return units.map((unit) => {
    const old = agingBy.get(unit.code)
    const reported = Number(unit.reported ?? 0)
    const fresh = reported - Number(old?.stale ?? 0)
    const devices = Number(unit.devices ?? 0)
    return {
      code: unit.code,
      name: unit.name,
      score: fresh > 0 ? Math.round(((Number(unit.score_sum) - Number(old?.stale_score ?? 0)) / fresh) * 10) / 10 : null,
      devices,
      reporting7d: reported - Number(old?.older ?? 0),
      stale: devices - fresh,
      criticalFailures: Number(unit.critical_failures ?? 0) - Number(old?.stale_critical ?? 0),
      topFailedRules: (topByUnit.get(unit.code) ?? [])
        .sort((a, b) => b.devices - a.devices || a.id.localeCompare(b.id))
        .slice(0, TOP_RULES),
    }
  })
}
