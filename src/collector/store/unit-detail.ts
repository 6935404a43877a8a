/** A unit's devices and its weekly trend, for the unit page and GET /api/v1/units/CODE[/devices]. */
import type { Db } from '../db/schema.js'
import { STALE_DAYS } from './unit-table.js'

export interface DeviceRow {
  id: string
  hostname: string
  platform: string
  osName: string
  enrolledAt: string
  lastReportAt: string | null
  reportId: string | null
  score: number | null
  criticalFailures: number | null
  failedRules: string[]
  /** No report in the last 30 days. */
  stale: boolean
}

export async function unitDevices(db: Db, unit: string, now: Date): Promise<DeviceRow[]> {
  const cutoff = new Date(now.getTime() - STALE_DAYS * 86_400_000).toISOString()
  const [devices, failures] = await Promise.all([
    db
      .selectFrom('devices as d')
      .leftJoin('device_latest as l', 'l.device_id', 'd.id')
      .select(['d.id', 'd.hostname', 'd.os_platform', 'd.os_name', 'd.enrolled_at', 'l.generated_at', 'l.report_id', 'l.score', 'l.critical_failures'])
      .where('d.unit_code', '=', unit)
      .where('d.revoked_at', 'is', null)
      .orderBy('d.hostname')
      .execute(),
    db.selectFrom('device_failures').select(['device_id', 'rule_id']).where('unit_code', '=', unit).orderBy('rule_id').execute(),
  ])
  const failedBy = new Map<string, string[]>()
  for (const row of failures) failedBy.set(row.device_id, [...(failedBy.get(row.device_id) ?? []), row.rule_id])
  return devices.map((row) => ({
    id: row.id,
    hostname: row.hostname,
    platform: row.os_platform,
    osName: row.os_name,
    enrolledAt: row.enrolled_at,
    lastReportAt: row.generated_at,
    reportId: row.report_id,
    score: row.score,
    criticalFailures: row.critical_failures,
    failedRules: failedBy.get(row.id) ?? [],
    stale: row.generated_at === null || row.generated_at < cutoff,
  }))
}

export interface WeekPoint {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  week: string
  score: number
  devices: number
}

const TREND_WEEKS = 12

/** Per week: each device's last report of that week, and the mean of their scores. */
export async function unitTrend(db: Db, unit: string, now: Date): Promise<WeekPoint[]> {
  const since = new Date(now.getTime() - TREND_WEEKS * 7 * 86_400_000).toISOString()
  const reports = await db
    .selectFrom('reports')
    .select(['device_id', 'generated_at', 'score'])
    .where('unit_code', '=', unit)
    .where('generated_at', '>=', since)
    .orderBy('generated_at')
    .execute()
  const weeks = new Map<string, Map<string, number>>()
  for (const report of reports) {
    const week = mondayOf(new Date(report.generated_at))
    const byDevice = weeks.get(week) ?? new Map<string, number>()
    byDevice.set(report.device_id, report.score)
    weeks.set(week, byDevice)
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, byDevice]) => {
      const scores = [...byDevice.values()]
      return { week, score: Math.round((scores.reduce((sum, s) => sum + s, 0) / scores.length) * 10) / 10, devices: scores.length }
    })
}

function mondayOf(date: Date): string {
  const day = (date.getUTCDay() + 6) % 7
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day)).toISOString().slice(0, 10)
}

export async function latestReportBody(db: Db, deviceId: string): Promise<string | null> {
  const row = await db
    .selectFrom('device_latest as l')
    .innerJoin('reports as r', 'r.report_id', 'l.report_id')
    .select('r.body')
    .where('l.device_id', '=', deviceId)
    .executeTakeFirst()
  return row?.body ?? null
}
