/** Advisories and incidents as text, JSON or CSV, for the admin commands and the dashboard export. */
import { t, type Lang } from '../i18n/index.js'
import { toCsv } from './csv.js'
import { isActive, type AdvisoryRecord } from './store/advisories.js'
import type { IncidentRecord } from './store/incidents.js'
import { vietnamMinute } from './vietnam-day.js'

export type AdvisoryState = 'active' | 'scheduled' | 'expired' | 'withdrawn'

export function advisoryState(record: AdvisoryRecord, now: Date): AdvisoryState {
  if (record.withdrawnAt !== null) return 'withdrawn'
  if (isActive(record, now)) return 'active'
  return record.startsAt > now.toISOString() ? 'scheduled' : 'expired'
}

export function advisoriesText(records: AdvisoryRecord[], now: Date, lang: Lang): string {
  if (records.length === 0) return `${t(lang, 'collector.advisory.none')}\n`
  return records
    .map((record) =>
      t(lang, 'collector.advisory.line', {
        id: record.id,
        state: t(lang, `collector.advisory.state.${advisoryState(record, now)}`),
        severity: t(lang, `collector.advisory.severity.${record.severity}`),
        units: record.units?.join(',') ?? t(lang, 'collector.advisory.allUnits'),
        expires: record.expiresAt?.slice(0, 10) ?? '-',
        title: record.title.vi,
      }),
    )
    .map((line) => `${line}\n`)
    .join('')
}

export const INCIDENT_FORMATS = ['text', 'json', 'csv'] as const
export type IncidentFormat = (typeof INCIDENT_FORMATS)[number]

const INCIDENT_COLUMNS = ['reference', 'status', 'unit', 'hostname', 'kind', 'occurredAt', 'receivedAt', 'moneyGiven', 'phone', 'description'] as const

export function formatIncidents(records: IncidentRecord[], format: IncidentFormat, lang: Lang): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(records, null, 2)}\n`
    case 'csv':
      return toCsv([
        INCIDENT_COLUMNS,
        ...records.map((r) => [r.reference, r.status, r.unitCode, r.hostname, r.kind, r.occurredAt, r.receivedAt, r.moneyGiven ? 'yes' : 'no', r.phone, r.description]),
      ])
    case 'text':
      if (records.length === 0) return `${t(lang, 'collector.incident.none')}\n`
      return records
        .map((r) =>
          t(lang, 'collector.incident.line', {
            reference: r.reference,
            status: t(lang, `collector.incident.status.${r.status}`),
            unit: r.unitCode,
            hostname: r.hostname,
            kind: t(lang, `collector.incident.kind.${r.kind}`),
            received: vietnamMinute(r.receivedAt),
            money: r.moneyGiven ? ` ${t(lang, 'collector.incident.moneyGiven')}` : '',
          }),
        )
        .map((line) => `${line}\n`)
        .join('')
  }
}
