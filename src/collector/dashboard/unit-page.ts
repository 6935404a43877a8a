/** One unit: its PCs, the checks they fail most, and its score week by week. */
import type { DeviceRow, WeekPoint } from '../store/unit-detail.js'
import type { UnitRow } from '../store/unit-table.js'
import { html, type SafeHtml } from './html.js'
import { formatDateTime, formatScore, sayIn, scoreCell, type Say, type View } from './layout.js'

export interface UnitDetail {
  unit: UnitRow
  devices: readonly DeviceRow[]
  trend: readonly WeekPoint[]
}

export const deviceHref = (id: string): string => `/devices/${encodeURIComponent(id)}`

function devicesTable(devices: readonly DeviceRow[], view: View, say: Say): SafeHtml {
  if (devices.length === 0) return html`<p>${say('dash.unit.noDevices')}</p>`
  const rows = devices.map(
    (device) => html`<tr>
<td><a href="${deviceHref(device.id)}">${device.hostname}</a></td>
<td>${device.osName}</td>
<td>${device.lastReportAt ? formatDateTime(device.lastReportAt, view.lang) : say('dash.never')}</td>
${scoreCell(device.score, view.lang)}
<td class="num">${device.criticalFailures ?? '—'}</td>
<td>${device.failedRules.join(', ') || '—'}</td>
<td>${device.stale ? html`<strong>${say('dash.yes')}</strong>` : say('dash.no')}</td>
</tr>`,
  )
  return html`<table>
<thead><tr>
<th scope="col">${say('dash.device.hostname')}</th>
<th scope="col">${say('dash.device.os')}</th>
<th scope="col">${say('dash.device.lastReport')}</th>
<th scope="col" class="num">${say('units.score')}</th>
<th scope="col" class="num">${say('units.critical')}</th>
<th scope="col">${say('dash.device.failedRules')}</th>
<th scope="col">${say('units.stale')}</th>
</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}

const CHART = { width: 240, height: 60, pad: 4 }

/** A sparkline of the weekly scores (0 at the bottom, 100 at the top); the table below says the same in words. */
function sparkline(trend: readonly WeekPoint[], say: Say): SafeHtml | null {
  const first = trend[0]
  const last = trend.at(-1)
  if (!first || !last || trend.length < 2) return null
  const { width, height, pad } = CHART
  const step = (width - 2 * pad) / (trend.length - 1)
  const y = (score: number) => height - pad - (score / 100) * (height - 2 * pad)
  const points = trend.map((point, index) => `${(pad + index * step).toFixed(1)},${y(point.score).toFixed(1)}`)
  const label = say('dash.trend.chart', { first: first.week, last: last.week })
  return html`<svg class="trend" role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}"
width="${width}" height="${height}">
<polyline fill="none" stroke="#12355b" stroke-width="2" points="${points.join(' ')}"/>
</svg>`
}

function trendSection(trend: readonly WeekPoint[], view: View, say: Say): SafeHtml {
  if (trend.length === 0) return html`<p>${say('dash.trend.none')}</p>`
  const rows = trend.map(
    (point) => html`<tr>
<td>${point.week}</td>${scoreCell(point.score, view.lang)}<td class="num">${point.devices}</td>
</tr>`,
  )
  return html`${sparkline(trend, say)}
<table>
<thead><tr>
<th scope="col">${say('dash.trend.week')}</th>
<th scope="col" class="num">${say('units.score')}</th>
<th scope="col" class="num">${say('dash.trend.devices')}</th>
</tr></thead>
<tbody>${rows}</tbody>
</table>`
}

export function unitPage(view: View, detail: UnitDetail): SafeHtml {
  const say = sayIn(view.lang)
  const { unit } = detail
  const failed = unit.topFailedRules.map(
    (rule) => html`<li>${rule.id}: ${say('dash.rule.devices', { count: rule.devices })}</li>`,
  )
  return html`<p><a href="/">${say('dash.backHome')}</a></p>
<h1>${unit.name} (${unit.code})</h1>
<dl>
<dt>${say('units.score')}</dt><dd>${formatScore(unit.score, view.lang)}</dd>
<dt>${say('units.reporting7d')}</dt><dd>${unit.reporting7d}/${unit.devices}</dd>
<dt>${say('units.stale')}</dt><dd>${unit.stale}</dd>
<dt>${say('units.critical')}</dt><dd>${unit.criticalFailures}</dd>
</dl>
<h2>${say('dash.unit.devices')}</h2>
${devicesTable(detail.devices, view, say)}
<h2>${say('units.topFailed')}</h2>
${failed.length > 0 ? html`<ol>${failed}</ol>` : html`<p>${say('dash.unit.noFailures')}</p>`}
<h2>${say('dash.unit.trend')}</h2>
${trendSection(detail.trend, view, say)}`
}
