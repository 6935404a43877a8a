/**
 * The terminal report: checks that need action first, grouped by area, with what to do; then the
 * rest; the ward police's warnings, if any; the score last. Symbols carry the status as well as
 * colour, so it reads the same without colour (NO_COLOR).
 */
import { Chalk, type ChalkInstance } from 'chalk'
import { advisoryText, type ShownAdvisories } from '../channel/advisory-view.js'
import type { AdvisorySeverity } from '../channel/schema.js'
import { t, type Lang, type MessageKey } from '../i18n/index.js'
import type { Status } from '../engine/score.js'
import type { Report, Result } from './schema.js'
import { formatDate, formatDay, groupByCategory, partitionResults } from './view.js'

export interface TextOptions {
  lang: Lang
  /** 0 = no colour. */
  colorLevel: 0 | 1 | 2 | 3
  /** Terminal width for wrapping. */
  width: number
}

/** Shared with the dashboard, so a status reads the same in the terminal and in the browser. */
export const SYMBOLS: Record<Status, string> = {
  fail: '✗',
  warn: '!',
  error: '?',
  pass: '✓',
  not_applicable: '–',
  skipped: '·',
}

/** `advisories`: the ward police's warnings to show before the score line (not part of the report). */
export function renderText(report: Report, options: TextOptions, advisories: ShownAdvisories | null = null): string {
  const c = new Chalk({ level: options.colorLevel })
  const say = (key: MessageKey, vars: Record<string, string | number> = {}): string => t(options.lang, key, vars)
  const width = lineWidth(options.width)
  const out: string[] = []
  /** A sentence wrapped to the width, each line styled (styles after wrapping keep widths right). */
  const sentence = (text: string, style: (line: string) => string = (line) => line): void => {
    out.push(...wrap(text, width, '').map((line) => style(line)))
  }

  const { device } = report
  sentence(say('text.header', { host: device.hostname, os: device.os.name }), c.bold)
  sentence(
    say('text.subheader', {
      date: formatDate(report.generatedAt, options.lang),
      profile: say(`profile.${report.profile}`),
      version: report.agent.version,
    }),
    c.dim,
  )
  if (report.facts.source === 'file') sentence(say('text.fromSnapshot', { date: formatDate(report.facts.collectedAt, options.lang) }), c.dim)
  for (const notice of report.notices) sentence(`! ${notice.message}`, c.yellow)
  out.push('')

  const colour = statusColour(c)
  const { act, rest } = partitionResults(report)
  const section = (heading: string, results: Result[], detailed: boolean): void => {
    if (results.length === 0) return
    out.push(c.bold(heading))
    for (const group of groupByCategory(results)) {
      out.push(c.underline(say(`category.${group.category}`)))
      for (const result of group.results) out.push(...renderResult(result, { c, colour, say, width, detailed }))
    }
    out.push('')
  }
  section(say('text.needsAction', { count: act.length }), act, true)
  section(say('text.others'), rest, false)

  const categories = report.score.categories
    .map((category) => `${say(`category.${category.category}`)} ${category.value} (${category.grade})`)
    .join(' · ')
  if (categories) sentence(`${say('text.categories')}: ${categories}`)
  const counts = report.coverage.counts
  const ran = counts.pass + counts.fail + counts.warn + counts.error
  sentence(say('text.coverage', { percent: Math.round(report.coverage.ratio * 100), checked: ran - counts.error, ran }))
  if (report.score.cappedBy.length > 0) sentence(say('text.capped', { rules: report.score.cappedBy.join(', ') }), c.red)
  sentence(say('text.legend'), c.dim)
  if (advisories && advisories.advisories.length > 0) out.push('', ...advisoryLines(advisories, { ...options, width }))
  out.push(scoreLine(report, c, options.lang))
  return `${out.join('\n')}\n`
}

/** The report's last line alone, for --quiet. */
export function renderScoreLine(report: Report, options: Omit<TextOptions, 'width'>): string {
  return `${scoreLine(report, new Chalk({ level: options.colorLevel }), options.lang)}\n`
}

function scoreLine(report: Report, c: ChalkInstance, lang: Lang): string {
  const { value, grade } = report.score
  const gradeColour = value >= 80 ? c.green : value >= 50 ? c.yellow : c.red
  const toFix = report.results.filter((result) => result.status === 'fail' || result.status === 'warn').length
  const score = t(lang, 'text.score', { value, grade })
  const line = t(lang, toFix === 0 ? 'text.scoreNothingToFix' : 'text.scoreToFix', { score, count: toFix })
  return c.bold(gradeColour(line))
}

/**
 * The warnings as plain text: severity, title, body, dates, and when they were received (marked
 * when the collector could not be asked now). Shared with `hygiene advisories`.
 */
export function advisoryLines(shown: ShownAdvisories, options: TextOptions): string[] {
  const c = new Chalk({ level: options.colorLevel })
  const width = lineWidth(options.width)
  const say = (key: MessageKey, vars: Record<string, string | number> = {}): string => t(options.lang, key, vars)
  const severityColour: Record<AdvisorySeverity, (text: string) => string> = { critical: c.red.bold, warning: c.yellow.bold, info: c.bold }
  const lines = [c.bold(say('advisory.heading', { count: shown.advisories.length }))]
  for (const advisory of shown.advisories) {
    const { title, body } = advisoryText(advisory, options.lang)
    const label = `[${say(`advisory.severity.${advisory.severity}`)}]`
    // The label is coloured after wrapping, so escape codes do not count towards the width.
    const [first = '', ...rest] = wrap(`${label} ${title}`, width, '')
    lines.push(severityColour[advisory.severity](label) + c.bold(first.slice(label.length)), ...rest.map((line) => c.bold(`  ${line}`)))
    for (const paragraph of body.split('\n')) lines.push(...wrap(paragraph, width, '    '))
    const dates = [say('advisory.from', { date: formatDay(advisory.startsAt, options.lang) })]
    if (advisory.expiresAt) dates.push(say('advisory.until', { date: formatDay(advisory.expiresAt, options.lang) }))
    lines.push(c.dim(`    ${dates.join(' · ')}`))
  }
  const received = say(shown.cached ? 'advisory.cached' : 'advisory.received', { date: formatDate(shown.fetchedAt, options.lang) })
  lines.push(...wrap(received, width, '').map((line) => (shown.cached ? c.yellow(line) : c.dim(line))))
  lines.push(...wrap(say('advisory.plainText'), width, '').map((line) => c.dim(line)))
  return lines
}

interface ResultStyle {
  c: ChalkInstance
  colour: Record<Status, (text: string) => string>
  say: (key: MessageKey, vars?: Record<string, string | number>) => string
  width: number
  detailed: boolean
}

function renderResult(result: Result, style: ResultStyle): string[] {
  const { c, colour, say, width } = style
  const label = colour[result.status](`${SYMBOLS[result.status]} ${say(`status.${result.status}`)}`)
  const severity = result.status === 'fail' || result.status === 'warn' ? ` [${say(`severity.${result.severity}`)}]` : ''
  // The status label is coloured after wrapping, so escape codes do not count towards the width.
  const plainLabel = `${SYMBOLS[result.status]} ${say(`status.${result.status}`)}`
  const [first = '', ...rest] = wrap(`${plainLabel}${severity} ${result.title} (${result.id})`, width, '')
  const lines = [label + first.slice(plainLabel.length), ...rest.map((line) => `  ${line}`)]
  lines.push(...wrap(result.message, width, '    '))
  if (style.detailed && result.remediation) {
    lines.push(`    ${c.bold(say('text.howToFix'))}`)
    for (const paragraph of result.remediation.trim().split('\n')) lines.push(...wrap(paragraph, width, '      '))
  }
  return lines
}

function statusColour(c: ChalkInstance): Record<Status, (text: string) => string> {
  return { fail: c.red, warn: c.yellow, error: c.magenta, pass: c.green, not_applicable: c.dim, skipped: c.dim }
}

/** Lines stay readable on a narrow terminal and do not run on across a wide one. */
function lineWidth(terminalWidth: number): number {
  return Math.max(40, Math.min(terminalWidth, 120))
}

/**
 * Wraps on spaces; a word longer than the line (a path) stays whole. A numbered step ("2. …")
 * continues under its text, not under its number.
 */
export function wrap(text: string, width: number, indent: string): string[] {
  const words = text.split(/\s+/).filter(Boolean)
  const step = /^\d+\.$/.test(words[0] ?? '') ? ' '.repeat(words[0]!.length + 1) : ''
  const lines: string[] = []
  let line = indent
  for (const word of words) {
    if (line.trim().length > 0 && line.length + 1 + word.length > width) {
      lines.push(line)
      line = indent + step
    }
    line += line.trim().length > 0 ? ` ${word}` : word
  }
  if (line.trim().length > 0 || lines.length === 0) lines.push(line)
  return lines
}
