/** Dashboard pages of the channel: the advisories (list and form) and the incidents queue with each incident's history. */
import { ADVISORY_SEVERITIES } from '../../channel/schema.js'
import { advisoryState } from '../channel-format.js'
import type { AdvisoryRecord } from '../store/advisories.js'
import { INCIDENT_STATUSES, type IncidentEvent, type IncidentRecord } from '../store/incidents.js'
import { html, type SafeHtml } from './html.js'
import { formatDateTime, sayIn, type View } from './layout.js'

export function advisoriesPage(view: View, records: AdvisoryRecord[], now: Date, csrf: string): SafeHtml {
  const say = sayIn(view.lang)
  const rows = records.map((record) => {
    const state = advisoryState(record, now)
    const withdraw =
      state === 'withdrawn'
        ? null
        : html`<form method="post" action="/advisories/${record.id}/withdraw"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">${say('dash.advisory.withdraw')}</button></form>`
    return html`<tr>
<td class="num">${record.id}</td>
<td>${say(`collector.advisory.state.${state}`)}</td>
<td>${say(`collector.advisory.severity.${record.severity}`)}</td>
<td>${record.units?.join(', ') ?? say('collector.advisory.allUnits')}</td>
<td>${record.expiresAt ? formatDateTime(record.expiresAt, view.lang) : '—'}</td>
<td><strong>${record.title.vi}</strong><p class="plain">${record.body.vi}</p></td>
<td>${withdraw}</td>
</tr>`
  })
  return html`<h1>${say('dash.advisory.title')}</h1>
<p class="note">${say('dash.advisory.plainText')}</p>
<form method="post" action="/advisories" class="stack">
<input type="hidden" name="csrf" value="${csrf}">
<label>${say('dash.advisory.titleVi')} <input name="title_vi" required maxlength="200"></label>
<label>${say('dash.advisory.bodyVi')} <textarea name="body_vi" required maxlength="4000" rows="4"></textarea></label>
<label>${say('dash.advisory.titleEn')} <input name="title_en" maxlength="200"></label>
<label>${say('dash.advisory.bodyEn')} <textarea name="body_en" maxlength="4000" rows="2"></textarea></label>
<label>${say('dash.advisory.severity')} <select name="severity">${ADVISORY_SEVERITIES.map((severity) => html`<option value="${severity}"${severity === 'warning' ? html` selected` : null}>${say(`collector.advisory.severity.${severity}`)}</option>`)}</select></label>
<label>${say('dash.advisory.units')} <input name="units" placeholder="THCS-01, UBND"></label>
<label>${say('dash.advisory.expires')} <input name="expires" type="date" required></label>
<button type="submit">${say('dash.advisory.send')}</button>
</form>
<table>
<thead><tr><th>#</th><th>${say('dash.advisory.state')}</th><th>${say('dash.advisory.severity')}</th><th>${say('dash.advisory.units')}</th><th>${say('dash.advisory.expires')}</th><th>${say('dash.advisory.text')}</th><th></th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="7">${say('collector.advisory.none')}</td></tr>`}</tbody>
</table>`
}

export function incidentsPage(view: View, records: IncidentRecord[], filter: { unit?: string; status?: string }): SafeHtml {
  const say = sayIn(view.lang)
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString()
  const rows = records.map(
    (record) => html`<tr class="status-${record.status}">
<td><a href="/incidents/${record.reference}">${record.reference}</a></td>
<td>${say(`collector.incident.status.${record.status}`)}</td>
<td>${formatDateTime(record.receivedAt, view.lang)}</td>
<td>${record.unitCode}</td>
<td>${record.hostname}</td>
<td>${say(`collector.incident.kind.${record.kind}`)}${record.moneyGiven ? html` <strong class="alert">${say('collector.incident.moneyGiven')}</strong>` : null}</td>
<td class="plain">${record.description}</td>
</tr>`,
  )
  return html`<h1>${say('dash.incident.title')}</h1>
<form method="get" action="/incidents" class="filters">
<label>${say('dash.incident.status')} <select name="status"><option value="">${say('dash.incident.allStatuses')}</option>${INCIDENT_STATUSES.map((status) => html`<option value="${status}"${filter.status === status ? html` selected` : null}>${say(`collector.incident.status.${status}`)}</option>`)}</select></label>
${view.session?.user.role === 'admin' ? html`<label>${say('dash.incident.unit')} <input name="unit" value="${filter.unit ?? ''}"></label>` : null}
<button type="submit">${say('dash.incident.filter')}</button>
<a href="/export/incidents.csv${query ? `?${query}` : ''}">${say('dash.incident.csv')}</a>
</form>
<table>
<thead><tr><th>${say('dash.incident.reference')}</th><th>${say('dash.incident.status')}</th><th>${say('dash.incident.received')}</th><th>${say('dash.incident.unit')}</th><th>${say('dash.incident.device')}</th><th>${say('dash.incident.kind')}</th><th>${say('dash.incident.description')}</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="7">${say('collector.incident.none')}</td></tr>`}</tbody>
</table>`
}

export function incidentPage(view: View, incident: IncidentRecord, events: IncidentEvent[], csrf: string): SafeHtml {
  const say = sayIn(view.lang)
  const canChange = view.session?.user.role === 'admin'
  const history = events.map(
    (event) => html`<li>${formatDateTime(event.at, view.lang)} · ${event.user}: ${say(`collector.incident.status.${event.from}`)} → ${say(`collector.incident.status.${event.to}`)}${event.note ? html` · <span class="plain">${event.note}</span>` : null}</li>`,
  )
  return html`<h1>${say('dash.incident.one', { reference: incident.reference })}</h1>
<dl>
<dt>${say('dash.incident.status')}</dt><dd>${say(`collector.incident.status.${incident.status}`)}</dd>
<dt>${say('dash.incident.unit')}</dt><dd>${incident.unitCode} · ${incident.hostname}</dd>
<dt>${say('dash.incident.kind')}</dt><dd>${say(`collector.incident.kind.${incident.kind}`)}</dd>
<dt>${say('dash.incident.occurred')}</dt><dd>${incident.occurredAt ? formatDateTime(incident.occurredAt, view.lang) : '—'}</dd>
<dt>${say('dash.incident.received')}</dt><dd>${formatDateTime(incident.receivedAt, view.lang)}</dd>
<dt>${say('dash.incident.money')}</dt><dd>${incident.moneyGiven ? html`<strong class="alert">${say('dash.yes')}</strong>` : say('dash.no')}</dd>
<dt>${say('dash.incident.phone')}</dt><dd>${incident.phone ?? '—'}</dd>
<dt>${say('dash.incident.description')}</dt><dd class="plain">${incident.description}</dd>
</dl>
${canChange ? html`<form method="post" action="/incidents/${incident.reference}/status" class="stack">
<input type="hidden" name="csrf" value="${csrf}">
<label>${say('dash.incident.newStatus')} <select name="status">${INCIDENT_STATUSES.map((status) => html`<option value="${status}"${incident.status === status ? html` selected` : null}>${say(`collector.incident.status.${status}`)}</option>`)}</select></label>
<label>${say('dash.incident.note')} <input name="note" maxlength="1000"></label>
<button type="submit">${say('dash.incident.save')}</button>
</form>` : null}
<h2>${say('dash.incident.history')}</h2>
<ul>${history.length > 0 ? history : html`<li>${say('dash.incident.noHistory')}</li>`}</ul>
<p><a href="/incidents">${say('dash.incident.back')}</a></p>`
}
