/** The units table as text, JSON or CSV, for `hygiene collector units`, `hygiene scores` and the dashboard export. */
import { t, type Lang } from '../i18n/index.js'
import { toCsv } from './csv.js'
import type { UnitRow } from './store/unit-table.js'

export const UNIT_FORMATS = ['text', 'json', 'csv'] as const
export type UnitFormat = (typeof UNIT_FORMATS)[number]

export function formatUnits(rows: UnitRow[], format: UnitFormat, lang: Lang): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`
    case 'csv':
      return unitsCsv(rows)
    case 'text':
      return unitsText(rows, lang)
  }
}

const CSV_COLUMNS = ['code', 'name', 'score', 'devices', 'reporting7d', 'stale', 'criticalFailures', 'topFailedRules'] as const

/** For spreadsheets: see csv.ts. */
export function unitsCsv(rows: UnitRow[]): string {
  return toCsv([
    CSV_COLUMNS,
    ...rows.map((row) => [
      row.code,
      row.name,
      row.score,
      row.devices,
      row.reporting7d,
      row.stale,
      row.criticalFailures,
      row.topFailedRules.map((rule) => `${rule.id} (${rule.devices})`).join('; '),
    ]),
  ])
}

function unitsText(rows: UnitRow[], lang: Lang): string {
  const header = [
    t(lang, 'units.code'),
    t(lang, 'units.name'),
    t(lang, 'units.score'),
    t(lang, 'units.devices'),
    t(lang, 'units.reporting7d'),
    t(lang, 'units.stale'),
    t(lang, 'units.critical'),
    t(lang, 'units.topFailed'),
  ]
  const body = rows.map((row) => [
    row.code,
    row.name,
    row.score === null ? '-' : row.score.toFixed(1),
    String(row.devices),
    String(row.reporting7d),
    String(row.stale),
    String(row.criticalFailures),
    row.topFailedRules.map((rule) => `${rule.id} (${rule.devices})`).join(', ') || '-',
  ])
  const widths = header.map((cell, index) => Math.max(cell.length, ...body.map((row) => row[index]!.length)))
  const line = (cells: string[]) => cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ')
  return `${[line(header), ...body.map(line)].join('\n')}\n`
}
