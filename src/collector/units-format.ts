/** The units table as text, JSON or CSV, for `hygiene collector units`, `hygiene scores` and the dashboard export. */
import { t, type Lang } from '../i18n/index.js'
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

/** UTF-8 with a byte-order mark, so Excel shows Vietnamese names correctly; CRLF as RFC 4180 says. */
export function unitsCsv(rows: UnitRow[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of rows) {
    const cells = [
      row.code,
      row.name,
      row.score ?? '',
      row.devices,
      row.reporting7d,
      row.stale,
      row.criticalFailures,
      row.topFailedRules.map((rule) => `${rule.id} (${rule.devices})`).join('; '),
    ]
    lines.push(cells.map((cell) => csvCell(String(cell))).join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

function csvCell(value: string): string {
  // A leading = + - @ would make a spreadsheet run the cell as a formula (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
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
