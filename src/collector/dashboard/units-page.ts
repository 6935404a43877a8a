/** The units table: every unit the user may see, sorted on the server by any column (no script needed). */
import type { MessageKey } from '../../i18n/index.js'
import type { UnitRow } from '../store/unit-table.js'
import { html, type SafeHtml } from './html.js'
import { withQuery } from './http.js'
import { sayIn, scoreCell, type Say, type View } from './layout.js'

export const SORT_KEYS = ['code', 'name', 'score', 'devices', 'reporting', 'stale', 'critical', 'failed'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface Sort {
  key: SortKey
  dir: 'asc' | 'desc'
}

/** The units that are behind first: that is what the police act on. */
export const DEFAULT_SORT: Sort = { key: 'score', dir: 'asc' }

export function parseSort(query: unknown): Sort {
  const { sort, dir } = (query ?? {}) as Record<string, unknown>
  const key = SORT_KEYS.find((candidate) => candidate === sort)
  if (!key) return DEFAULT_SORT
  return { key, dir: dir === 'desc' ? 'desc' : 'asc' }
}

const collator = new Intl.Collator('vi')

// A unit without any report, or without any PC, sorts as the furthest behind.
const SORT_VALUE: Record<SortKey, (row: UnitRow) => number | string> = {
  code: (row) => row.code,
  name: (row) => row.name,
  score: (row) => row.score ?? -1,
  devices: (row) => row.devices,
  reporting: (row) => (row.devices === 0 ? -1 : row.reporting7d / row.devices),
  stale: (row) => row.stale,
  critical: (row) => row.criticalFailures,
  failed: (row) => row.topFailedRules[0]?.devices ?? 0,
}

export function sortUnits(rows: readonly UnitRow[], sort: Sort): UnitRow[] {
  const value = SORT_VALUE[sort.key]
  const sign = sort.dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)]
    const order = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : Number(x) - Number(y)
    return sign * order || a.code.localeCompare(b.code)
  })
}

export const COLUMNS: ReadonlyArray<{ key: SortKey; label: MessageKey; numeric: boolean }> = [
  { key: 'code', label: 'units.code', numeric: false },
  { key: 'name', label: 'units.name', numeric: false },
  { key: 'score', label: 'units.score', numeric: true },
  { key: 'devices', label: 'units.devices', numeric: true },
  { key: 'reporting', label: 'units.reporting7d', numeric: true },
  { key: 'stale', label: 'units.stale', numeric: true },
  { key: 'critical', label: 'units.critical', numeric: true },
  { key: 'failed', label: 'units.topFailed', numeric: false },
]

function headerCell(column: (typeof COLUMNS)[number], sort: Sort, view: View, say: Say): SafeHtml {
  const current = column.key === sort.key
  // A second click on the sorted column reverses it; any other column starts from the lowest.
  const href = withQuery(view.url, { sort: column.key, dir: current && sort.dir === 'asc' ? 'desc' : 'asc' })
  const ariaSort = current ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
  const marker = current
    ? html` <span aria-hidden="true">${sort.dir === 'asc' ? '▲' : '▼'}</span>
<span class="visually-hidden">${say(sort.dir === 'asc' ? 'dash.sorted.asc' : 'dash.sorted.desc')}</span>`
    : null
  return html`<th scope="col" class="${column.numeric ? 'num' : ''}" aria-sort="${ariaSort}">\
<a href="${href}">${say(column.label)}${marker}</a></th>`
}

export const unitHref = (code: string): string => `/units/${encodeURIComponent(code)}`

export const failedRulesText = (row: UnitRow): string =>
  row.topFailedRules.map((rule) => `${rule.id} (${rule.devices})`).join(', ')

function unitRow(row: UnitRow, view: View): SafeHtml {
  return html`<tr>
<td><a href="${unitHref(row.code)}">${row.code}</a></td>
<td><a href="${unitHref(row.code)}">${row.name}</a></td>
${scoreCell(row.score, view.lang)}
<td class="num">${row.devices}</td>
<td class="num">${row.reporting7d}/${row.devices}</td>
<td class="num">${row.stale}</td>
<td class="num">${row.criticalFailures}</td>
<td>${failedRulesText(row) || '—'}</td>
</tr>`
}

export function unitsPage(view: View, rows: readonly UnitRow[], sort: Sort): SafeHtml {
  const say = sayIn(view.lang)
  const sorted = sortUnits(rows, sort)
  const exportQuery = { sort: sort.key, dir: sort.dir }
  const totals = say('dash.units.totals', {
    units: rows.length,
    devices: rows.reduce((sum, row) => sum + row.devices, 0),
    reporting: rows.reduce((sum, row) => sum + row.reporting7d, 0),
  })
  const table = html`<table>
<thead><tr>${COLUMNS.map((column) => headerCell(column, sort, view, say))}</tr></thead>
<tbody>
${sorted.map((row) => unitRow(row, view))}
</tbody>
</table>`
  return html`<h1>${say('dash.units.title')}</h1>
<p>${say('dash.units.intro')}</p>
${rows.length === 0 ? html`<p>${say('dash.units.none')}</p>` : html`<p class="muted">${totals}</p>${table}`}
<p class="actions">
<a href="${withQuery('/export/units.csv', exportQuery)}" download>${say('dash.export.csv')}</a>
<a href="${withQuery('/export/units.xlsx', exportQuery)}" download>${say('dash.export.xlsx')}</a>
</p>`
}
