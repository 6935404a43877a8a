/** One PC's latest report: the collector's score, then each check with its status, finding and fix. */
import type { Status } from '../../engine/score.js'
import type { Rescored } from '../rescore.js'
import { SYMBOLS } from '../../report/render-text.js'
import type { Report, Result } from '../../report/schema.js'
import { html, type SafeHtml } from './html.js'
import { formatDateTime, sayIn, type Say, type View } from './layout.js'
import { unitHref } from './units-page.js'

export interface DeviceSummary {
  id: string
  hostname: string
  osName: string
  unitCode: string
  unitName: string
}

export interface DeviceDetail {
  device: DeviceSummary
  /** The latest report, scored again by the collector; null before the first one. */
  latest: { report: Report; rescored: Rescored } | null
}

const NEEDS_ACTION: ReadonlySet<Status> = new Set(['fail', 'warn', 'error'])

function resultItem(result: Result, report: Report, view: View, say: Say): SafeHtml {
  const judged = result.status === 'fail' || result.status === 'warn'
  const severity = judged ? ` [${say(`severity.${result.severity}`)}]` : ''
  const fix = NEEDS_ACTION.has(result.status) && result.remediation
    ? html`<p class="fix"><strong lang="${view.lang}">${say('text.howToFix')}</strong>
${result.remediation.trim()}</p>`
    : null
  // The findings are in the language the PC wrote its report in, the labels in the reader's.
  return html`<li class="status-${result.status}" lang="${report.lang}">
<span class="symbol" aria-hidden="true">${SYMBOLS[result.status]}</span>\
<strong lang="${view.lang}">${say(`status.${result.status}`)}${severity}</strong>
${result.title} <span class="muted">(${result.id})</span>
<p>${result.message}</p>
${fix}
</li>`
}

function reportSection(latest: NonNullable<DeviceDetail['latest']>, view: View, say: Say): SafeHtml {
  const { report, rescored } = latest
  const counts = report.coverage.counts
  const ran = counts.pass + counts.fail + counts.warn + counts.error
  const subheader = say('text.subheader', {
    date: formatDateTime(report.generatedAt, view.lang),
    profile: say(`profile.${report.profile}`),
    version: report.agent.version,
  })
  const mismatch = rescored.mismatch
    ? html`<p class="notice">${say('dash.device.mismatch', { claimed: report.score.value, value: rescored.score })}</p>`
    : null
  const score = say('text.score', { value: rescored.score, grade: rescored.grade })
  return html`<p class="band-${rescored.grade}"><strong>${score}</strong></p>
<p class="muted">${subheader}</p>
${mismatch}
<p>${say('text.coverage', { percent: Math.round(report.coverage.ratio * 100), checked: ran - counts.error, ran })}</p>
<h2>${say('dash.device.results')}</h2>
<p class="muted">${say('text.legend')}</p>
<ul class="results">
${report.results.map((result) => resultItem(result, report, view, say))}
</ul>`
}

export function devicePage(view: View, detail: DeviceDetail): SafeHtml {
  const say = sayIn(view.lang)
  const { device } = detail
  return html`<p><a href="${unitHref(device.unitCode)}">${device.unitName} (${device.unitCode})</a></p>
<h1>${device.hostname}</h1>
<dl>
<dt>${say('units.name')}</dt><dd>${device.unitName}</dd>
<dt>${say('dash.device.os')}</dt><dd>${device.osName}</dd>
</dl>
${detail.latest ? reportSection(detail.latest, view, say) : html`<p>${say('dash.device.noReport')}</p>`}`
}
