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

export async function unitTable(db: Db, now: Date, only?: string): Promise<UnitRow[]> {
  const recent = daysBefore(now, STALE_DAYS)
  const week = daysBefore(now, REPORTING_DAYS)
  let units = db
    .selectFrom('units as u')
    .leftJoin('devices as d', (join) => join.onRef('d.unit_code', '=', 'u.code').on('d.revoked_at', 'is', null))
    .leftJoin('device_latest as l', 'l.device_id', 'd.id')
    .select((eb) => [
      'u.code',
      'u.name',
      eb.fn.count<string>('d.id').as('devices'),
      sql<number | null>`avg(case when ${eb.ref('l.generated_at')} >= ${recent} then ${eb.ref('l.score')} end)`.as('score'),
      sql<string>`sum(case when ${eb.ref('l.generated_at')} >= ${week} then 1 else 0 end)`.as('reporting7d'),
      sql<string>`sum(case when ${eb.ref('d.id')} is not null and (${eb.ref('l.generated_at')} is null or ${eb.ref('l.generated_at')} < ${recent}) then 1 else 0 end)`.as('stale'),
      sql<string>`sum(case when ${eb.ref('l.generated_at')} >= ${recent} then ${eb.ref('l.critical_failures')} else 0 end)`.as('critical'),
    ])
    .groupBy(['u.code', 'u.name'])
    .orderBy('u.code')
  if (only) units = units.where('u.code', '=', only)
  let failures = db
    .selectFrom('device_failures')
    .select((eb) => ['unit_code', 'rule_id', eb.fn.countAll<string>().as('devices')])
    .where('generated_at', '>=', recent)
    .groupBy(['unit_code', 'rule_id'])
  if (only) failures = failures.where('unit_code', '=', only)
  const [rows, failed] = await Promise.all([units.execute(), failures.execute()])

  const topByUnit = new Map<string, FailedRule[]>()
  for (const row of failed) {
    const list = topByUnit.get(row.unit_code) ?? []
    list.push({ id: row.rule_id, devices: Number(row.devices) })
    topByUnit.set(row.unit_code, list)
  }
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    score: row.score === null ? null : Math.round(Number(row.score) * 10) / 10,
    devices: Number(row.devices),
    reporting7d: Number(row.reporting7d ?? 0),
    stale: Number(row.stale ?? 0),
    criticalFailures: Number(row.critical ?? 0),
    topFailedRules: (topByUnit.get(row.code) ?? [])
      .sort((a, b) => b.devices - a.devices || a.id.localeCompare(b.id))
      .slice(0, TOP_RULES),
  }))
}
