/**
 * The short summary to paste into a Zalo group: at most eight plain lines (no colour codes), the
 * device, the score and grade, the three checks to fix first, and the newest police warning.
 */
import { advisoryText, newestAdvisory, type ShownAdvisories } from '../channel/advisory-view.js'
import { t, type Lang, type MessageKey } from '../i18n/index.js'
import type { Report } from './schema.js'
import { deviceLabel, firstSentence, formatDay, partitionResults } from './view.js'

export const SUMMARY_MAX_LINES = 8
const FIRST_FIXES = 3

/** `advisories`: the ward police's warnings; the newest gets one line (not part of the report). */
export function renderSummary(report: Report, lang: Lang, advisories: ShownAdvisories | null = null): string {
  const say = (key: MessageKey, vars: Record<string, string | number> = {}): string => t(lang, key, vars)
  const { act } = partitionResults(report)
  const toFix = act.filter((result) => result.status !== 'error')
  let more: string | null = null
  const lines = [
    say('summary.header', { device: `${deviceLabel(report)} (${report.device.os.name})`, date: formatDay(report.generatedAt, lang) }),
    say('summary.score', { value: report.score.value, grade: report.score.grade, count: toFix.length }),
  ]
  if (toFix.length === 0) lines.push(say('summary.nothingToFix'))
  else {
    lines.push(say('summary.firstFixes'))
    toFix.slice(0, FIRST_FIXES).forEach((result, index) => {
      lines.push(say('summary.item', { number: index + 1, area: say(`category.${result.category}`), message: firstSentence(result.message) }))
    })
    if (toFix.length > FIRST_FIXES) {
      more = say('summary.more', { count: toFix.length - FIRST_FIXES })
      lines.push(more)
    }
  }
  const notChecked = act.length - toFix.length
  if (notChecked > 0) lines.push(say('summary.notChecked', { count: notChecked }))
  const newest = advisories && newestAdvisory(advisories.advisories)
  if (newest) {
    const title = advisoryText(newest, lang).title
    const warning = advisories.cached ? say('advisory.summaryCached', { title, date: formatDay(advisories.fetchedAt, lang) }) : say('advisory.summary', { title })
    // The "and N more" line is the one to give up for the warning: the full report has them all.
    if (lines.length >= SUMMARY_MAX_LINES && more !== null) lines.splice(lines.indexOf(more), 1)
    lines.push(warning)
  }
  // Titles and messages come from rule packs: a stray newline must not break the line budget.
  return `${lines.map((line) => line.replace(/\s+/g, ' ').trim()).join('\n')}\n`
}
