/** What every renderer shows the same way: which results need action, their grouping, dates. */
import type { Lang } from '../i18n/index.js'
import type { Report, Result } from './schema.js'

const NEEDS_ACTION = new Set<Result['status']>(['fail', 'warn', 'error'])

export function needsAction(result: Result): boolean {
  return NEEDS_ACTION.has(result.status)
}

/** Results split into those to act on and the rest, each keeping the report's priority order. */
export function partitionResults(report: Report): { act: Result[]; rest: Result[] } {
  return { act: report.results.filter(needsAction), rest: report.results.filter((result) => !needsAction(result)) }
}

/**
 * Results grouped by category, the groups ordered by their most urgent result (the report's own
 * order is by status, then severity), so the first group is where to start.
 */
export function groupByCategory(results: readonly Result[]): { category: Result['category']; results: Result[] }[] {
  const groups = new Map<Result['category'], Result[]>()
  for (const result of results) {
    const group = groups.get(result.category)
    if (group) group.push(result)
    else groups.set(result.category, [result])
  }
  return [...groups.entries()].map(([category, grouped]) => ({ category, results: grouped }))
}

/** The unit's name (or code) when the PC is enrolled, then the computer's name. */
export function deviceLabel(report: Report): string {
  const unit = report.unit ? `${report.unit.name ?? report.unit.code} · ` : ''
  return `${unit}${report.device.hostname}`
}

const locale = (lang: Lang): string => (lang === 'vi' ? 'vi-VN' : 'en-GB')

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

/** 29/11/2026: the day alone, as Vietnamese offices write it. */
export function formatDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso))
}

/** The first sentence of a message, for one-line listings. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  // "e.g." and "i.e." end no sentence.
  const end = flat.search(/(?<!\b(?:e\.g|i\.e|etc))[.!?](?=\s|$)/)
  return end === -1 ? flat : flat.slice(0, end + 1)
}
