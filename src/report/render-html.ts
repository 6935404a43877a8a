/**
 * The printable report: one self-contained HTML file (inline CSS and SVG, no script, no network
 * request) laid out for A4. Failing checks come first with their remediation, passed ones are
 * collapsed, and the footer has the signature blocks offices file such reports with.
 */
import { advisoryText, type ShownAdvisories } from '../channel/advisory-view.js'
import type { AdvisorySeverity } from '../channel/schema.js'
import { t, type Lang, type MessageKey } from '../i18n/index.js'
import type { Grade, Status } from '../engine/score.js'
import { SYMBOLS } from './render-text.js'
import type { Report, Result } from './schema.js'
import { formatDate, formatDay, groupByCategory, partitionResults } from './view.js'

type Say = (key: MessageKey, vars?: Record<string, string | number>) => string

const GRADE_COLOURS: Record<Grade, string> = { A: '#1b7f3b', B: '#4c8c2b', C: '#b8860b', D: '#d2691e', F: '#c62828' }
const STATUS_COLOURS: Record<Status, string> = {
  fail: '#c62828',
  warn: '#b86e00',
  error: '#6a1b9a',
  pass: '#1b7f3b',
  not_applicable: '#666666',
  skipped: '#666666',
}

const SEVERITY_COLOURS: Record<AdvisorySeverity, string> = { critical: '#c62828', warning: '#b86e00', info: '#1f5f99' }

const STYLE = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0 auto;max-width:190mm;padding:8mm 6mm;font:10.5pt/1.4 "Segoe UI",Arial,"Helvetica Neue",sans-serif;color:#1a1a1a;background:#fff}
h1{font-size:15pt;margin:0 0 3mm;text-transform:uppercase;text-align:center;letter-spacing:.02em}
h2{font-size:11.5pt;margin:5mm 0 2mm;padding-bottom:1mm;border-bottom:1.5px solid #1a1a1a}
h3{font-size:10pt;margin:3mm 0 1mm;color:#444;text-transform:uppercase;letter-spacing:.03em}
.top{display:flex;gap:6mm;align-items:center}
.meta{flex:1;border-collapse:collapse;font-size:9.5pt}
.meta th{text-align:left;font-weight:600;padding:.6mm 3mm .6mm 0;white-space:nowrap;vertical-align:top;color:#444}
.meta td{padding:.6mm 0;word-break:break-word}
.gauge{width:46mm;text-align:center}
.gauge svg{width:46mm;height:auto;display:block}
.scale{font-size:7.5pt;color:#555}
.bars{display:grid;grid-template-columns:1fr 1fr;column-gap:8mm;row-gap:.8mm;font-size:9.5pt}
.bar{display:grid;grid-template-columns:44mm 1fr 15mm;align-items:center;gap:2mm}
.bar .value{text-align:right;white-space:nowrap}
.bar svg{width:100%;height:3mm;display:block}
.item{border-left:3px solid;padding:1mm 0 1mm 3mm;margin:0 0 2.5mm;break-inside:avoid}
.item .head{font-weight:600}
.badge{display:inline-block;font-size:8pt;font-weight:700;padding:0 1.5mm;border-radius:1mm;color:#fff;margin-right:1.5mm}
.id{color:#666;font-weight:400;font-size:8.5pt}
.msg{margin:.5mm 0}
.fix{white-space:pre-line;margin:.5mm 0 0;padding:1mm 2mm;background:#f4f6f8;border-radius:1mm;font-size:9.5pt}
.fix b{display:block}
details{margin:2mm 0}
summary{font-weight:600;cursor:pointer}
.others{margin:1mm 0 0;padding:0;list-style:none;font-size:9pt;columns:2;column-gap:6mm}
.others li{break-inside:avoid;margin:0 0 .6mm}
.notice{border:1.5px solid #b86e00;padding:1.5mm 3mm;margin:2mm 0}
.note{font-size:8.5pt;color:#444;margin:1mm 0}
.advisories{border:2px solid #1a1a1a;padding:0 3mm 1.5mm;margin:4mm 0 2mm;break-inside:avoid}
.advisories h2{border:0;margin-top:2mm}
.advisory{border-left:3px solid;padding:.5mm 0 .5mm 3mm;margin:0 0 2mm}
.advisory .head{font-weight:600}
.advisory .body{white-space:pre-line;margin:.5mm 0;overflow-wrap:anywhere}
.advisory .dates{font-size:8.5pt;color:#444;margin:0}
.signatures{display:flex;justify-content:space-between;margin-top:6mm;break-inside:avoid;text-align:center}
.signatures>div{width:48%}
.signatures .who{font-weight:700;text-transform:uppercase;margin-top:1mm}
.signatures .hint{font-style:italic;font-size:9pt;color:#444;height:22mm}
.place{text-align:right;font-style:italic;margin-top:4mm}
@page{size:A4;margin:12mm 12mm 14mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}h2{margin-top:3.5mm}.fix{font-size:8.5pt}.msg{margin:.3mm 0}.item{margin-bottom:2mm}}
`

/** `advisories`: the ward police's warnings, shown in a box of their own (not part of the report). */
export function renderHtml(report: Report, lang: Lang, advisories: ShownAdvisories | null = null): string {
  const say: Say = (key, vars = {}) => t(lang, key, vars)
  const { act, rest } = partitionResults(report)
  const counts = report.coverage.counts
  const ran = counts.pass + counts.fail + counts.warn + counts.error
  const title = `${say('html.title')}: ${report.device.hostname}`
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hygiene ${escape(report.agent.version)}">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(say('html.title'))}</h1>
<div class="top">
${metaTable(report, lang, say)}
${gauge(report, say)}
</div>
${report.notices.map((notice) => `<p class="notice">${escape(notice.message)}</p>`).join('\n')}
<h2>${escape(say('html.categories'))}</h2>
${categoryBars(report, say)}
<p class="note">${escape(say('text.coverage', { percent: Math.round(report.coverage.ratio * 100), checked: ran - counts.error, ran }))}${
    report.score.cappedBy.length > 0 ? ` ${escape(say('text.capped', { rules: report.score.cappedBy.join(', ') }))}` : ''
  }</p>
<h2>${escape(say('html.needsAction', { count: act.length }))}</h2>
${act.length === 0 ? `<p>${escape(say('html.nothingToFix'))}</p>` : groupByCategory(act).map((group) => `<h3>${escape(say(`category.${group.category}`))}</h3>\n${group.results.map((result) => actionItem(result, say)).join('\n')}`).join('\n')}
${rest.length === 0 ? '' : otherResults(rest, say)}
${advisories && advisories.advisories.length > 0 ? advisoryBox(advisories, lang, say) : ''}
<p class="note">${escape(say('text.legend'))}</p>
${signatures(say)}
</body>
</html>
`
}

function metaTable(report: Report, lang: Lang, say: Say): string {
  const unknown = say('html.unknown')
  const rows: [MessageKey, string][] = [
    ['html.unit', report.unit ? `${report.unit.name ?? ''}${report.unit.name ? ' ' : ''}(${report.unit.code})` : unknown],
    ['html.device', report.device.hostname],
    ['html.os', report.device.os.name],
    ['html.user', report.user ?? unknown],
    ['html.date', formatDate(report.generatedAt, lang)],
    ['html.profile', say(`profile.${report.profile}`)],
    ['html.agent', `hygiene ${report.agent.version}`],
    ['html.reportId', report.reportId],
  ]
  return `<table class="meta">${rows.map(([key, value]) => `<tr><th>${escape(say(key))}</th><td>${escape(value)}</td></tr>`).join('')}</table>`
}

/** A half-circle gauge: the arc's dash length is the score's share of the half circumference. */
function gauge(report: Report, say: Say): string {
  const { value, grade } = report.score
  const length = Math.PI * 80
  const colour = GRADE_COLOURS[grade]
  return `<div class="gauge"><svg viewBox="0 0 200 122" role="img" aria-label="${escape(`${say('html.scoreLabel')} ${value}/100, ${say('html.grade', { grade })}`)}">
<path d="M20 105 A80 80 0 0 1 180 105" fill="none" stroke="#e3e6ea" stroke-width="18"/>
<path d="M20 105 A80 80 0 0 1 180 105" fill="none" stroke="${colour}" stroke-width="18" stroke-dasharray="${((length * value) / 100).toFixed(1)} ${length.toFixed(1)}"/>
<text x="100" y="92" text-anchor="middle" font-size="40" font-weight="700" fill="#1a1a1a">${value}</text>
<text x="100" y="118" text-anchor="middle" font-size="16" fill="${colour}" font-weight="700">${escape(say('html.grade', { grade }))}</text>
</svg><div class="scale">${escape(say('html.scoreLabel'))} ${value}/100 · ${escape(say('html.gradeScale'))}</div></div>`
}

function categoryBars(report: Report, say: Say): string {
  const rows = report.score.categories.map((category) => {
    const colour = GRADE_COLOURS[category.grade]
    return `<div class="bar"><span>${escape(say(`category.${category.category}`))}</span><svg viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true"><rect width="100" height="4" fill="#e3e6ea"/><rect width="${category.value}" height="4" fill="${colour}"/></svg><span class="value">${category.value} (${category.grade})</span></div>`
  })
  return `<div class="bars">${rows.join('\n')}</div>`
}

function statusBadge(result: Result, say: Say): string {
  return `<span class="badge" style="background:${STATUS_COLOURS[result.status]}">${SYMBOLS[result.status]} ${escape(say(`status.${result.status}`))}</span>`
}

function actionItem(result: Result, say: Say): string {
  const severity = result.status === 'error' ? '' : ` · ${escape(say('html.severity', { severity: say(`severity.${result.severity}`) }))}`
  const fix = result.remediation ? `<div class="fix"><b>${escape(say('text.howToFix'))}</b>${escape(result.remediation.trim())}</div>` : ''
  return `<div class="item" style="border-color:${STATUS_COLOURS[result.status]}">
<div class="head">${statusBadge(result, say)}<span class="title">${escape(result.title)}</span> <span class="id">(${escape(result.id)}${severity})</span></div>
<p class="msg">${escape(result.message)}</p>${fix}
</div>`
}

function otherResults(results: Result[], say: Say): string {
  const items = results.map((result) => `<li>${statusBadge(result, say)}<span class="title">${escape(result.title)}</span></li>`)
  return `<details><summary>${escape(say('html.others', { count: results.length }))}</summary><ul class="others">${items.join('')}</ul></details>`
}

/** Plain text only: every field is escaped and nothing becomes a link, since a link in a warning is itself a phishing risk. */
function advisoryBox(shown: ShownAdvisories, lang: Lang, say: Say): string {
  const items = shown.advisories.map((advisory) => {
    const { title, body } = advisoryText(advisory, lang)
    const colour = SEVERITY_COLOURS[advisory.severity]
    const dates = [say('advisory.from', { date: formatDay(advisory.startsAt, lang) })]
    if (advisory.expiresAt) dates.push(say('advisory.until', { date: formatDay(advisory.expiresAt, lang) }))
    return `<div class="advisory" style="border-color:${colour}">
<div class="head"><span class="badge" style="background:${colour}">${escape(say(`advisory.severity.${advisory.severity}`))}</span><span class="title">${escape(title)}</span></div>
<p class="body">${escape(body)}</p>
<p class="dates">${escape(dates.join(' · '))}</p>
</div>`
  })
  const received = say(shown.cached ? 'advisory.cached' : 'advisory.received', { date: formatDate(shown.fetchedAt, lang) })
  return `<section class="advisories">
<h2>${escape(say('advisory.heading', { count: shown.advisories.length }))}</h2>
${items.join('\n')}
<p class="note">${escape(received)} ${escape(say('advisory.plainText'))}</p>
</section>`
}

function signatures(say: Say): string {
  const block = (key: MessageKey): string =>
    `<div><div class="who">${escape(say(key))}</div><div class="hint">${escape(say('html.signHint'))}</div></div>`
  return `<p class="place">${escape(say('html.placeDate'))}</p>
<div class="signatures">${block('html.checker')}${block('html.head')}</div>`
}

/** Every text from a report or a rule pack goes through here: nothing in them is markup. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
