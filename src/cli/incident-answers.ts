/** The answers of `hygiene incident`: from flags (for scripts) or from plain questions, each checked as it comes. */
import { usageError } from '../core/errors.js'
import { t, type Lang, type MessageKey } from '../i18n/index.js'
import type { IncidentAnswers } from '../channel/incidents.js'
import { INCIDENT_DESCRIPTION_MAX, INCIDENT_KINDS, IncidentSchema, PhoneSchema } from '../channel/schema.js'
import type { Questioner } from './prompt.js'

export interface IncidentFlags {
  kind?: string
  description?: string
  when?: string
  moneyGiven?: boolean
  phone?: string
}

/** A clock set a little fast elsewhere should not make "just now" a future time. */
const FUTURE_SLACK_MS = 5 * 60_000

type When = { ok: true; at: string | null } | { ok: false }

/**
 * When it happened, as people write it: 29/11/2026 (the Vietnamese order), 29/11/2026 14:30,
 * 2026-11-29, 2026-11-29T14:30 (local time), a full ISO time, "today"/"hôm nay", "yesterday"/"hôm qua";
 * empty means unknown. A day alone means its start, in local time. Never in the future.
 */
export function parseWhen(text: string, now: Date): When {
  const answer = text.trim().toLowerCase().normalize('NFC')
  if (answer === '') return { ok: true, at: null }
  let at: Date | null = null
  const dayMonthYear = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,]+(\d{1,2})[:h](\d{2}))?$/.exec(answer)
  const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/.exec(answer)
  if (['today', 'hôm nay', 'hom nay'].includes(answer)) at = startOfDay(now, 0)
  else if (['yesterday', 'hôm qua', 'hom qua'].includes(answer)) at = startOfDay(now, -1)
  else if (dayMonthYear) {
    const [, day, month, year, hour = '0', minute = '0'] = dayMonthYear
    at = localTime(Number(year), Number(month), Number(day), Number(hour), Number(minute))
  } else if (isoDay) {
    const [, year, month, day] = isoDay
    at = localTime(Number(year), Number(month), Number(day), 0, 0)
  } else if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:\d{2})?$/.test(answer)) {
    // Without an offset, Date reads it as local time, as the person meant it.
    const parsed = new Date(answer.toUpperCase())
    at = Number.isNaN(parsed.getTime()) ? null : parsed
  }
  if (!at || at.getTime() > now.getTime() + FUTURE_SLACK_MS) return { ok: false }
  return { ok: true, at: at.toISOString() }
}

function startOfDay(now: Date, days: number): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days)
}

/** null for a date that does not exist (31/02), which Date would silently roll over. */
function localTime(year: number, month: number, day: number, hour: number, minute: number): Date | null {
  const date = new Date(year, month - 1, day, hour, minute)
  const exists = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && hour < 24 && minute < 60
  return exists ? date : null
}

export function hasIncidentFlags(flags: IncidentFlags): boolean {
  return [flags.kind, flags.description, flags.when, flags.phone].some((value) => value !== undefined) || flags.moneyGiven === true
}

/** Kind and description are both needed; the values themselves are checked by the incident's schema when it is built. */
export function answersFromFlags(flags: IncidentFlags, now: Date): IncidentAnswers {
  if (flags.kind === undefined || flags.description === undefined) throw usageError('usage.incidentNeeds')
  const when = parseWhen(flags.when ?? '', now)
  if (!when.ok) throw usageError('usage.incidentWhen')
  return {
    kind: flags.kind,
    description: flags.description,
    occurredAt: when.at,
    moneyGiven: flags.moneyGiven ?? false,
    phone: flags.phone ?? null,
  }
}

const YES = new Set(['y', 'yes', 'c', 'có', 'co', '1'])
const NO = new Set(['n', 'no', 'k', 'không', 'khong', '0'])

/** Asks until the answer parses; `undefined` from `parse` means "ask again" (null is a valid "do not know"). */
async function askUntil<T>(questions: Questioner, question: string, retry: string, parse: (answer: string) => T | undefined): Promise<T> {
  for (;;) {
    const answer = await questions.ask(question)
    if (answer === null) throw usageError('usage.incidentNoAnswers')
    const value = parse(answer.trim())
    if (value !== undefined) return value
    questions.tell(retry)
  }
}

/** The questions of the issue, in order, in the person's language; each answer is checked before the next question. */
export async function askIncident(questions: Questioner, lang: Lang, now: Date): Promise<IncidentAnswers> {
  const say = (key: MessageKey, vars: Record<string, string | number> = {}): string => t(lang, key, vars)
  const count = INCIDENT_KINDS.length
  questions.tell(say('incident.intro'))
  INCIDENT_KINDS.forEach((kind, index) => questions.tell(`  ${index + 1}. ${say(`incident.kind.${kind}`)}`))
  const kind = await askUntil(questions, say('incident.ask.kind', { count }), say('incident.retry.kind', { count }), (answer) => {
    const number = /^\d+$/.test(answer) ? Number(answer) : 0
    return INCIDENT_KINDS[number - 1] ?? INCIDENT_KINDS.find((one) => one === answer)
  })
  const occurredAt = await askUntil(questions, say('incident.ask.when'), say('incident.retry.when'), (answer) => {
    const when = parseWhen(answer, now)
    return when.ok ? when.at : undefined
  })
  const description = await askUntil(questions, say('incident.ask.description'), say('incident.retry.description', { max: INCIDENT_DESCRIPTION_MAX }), (answer) => {
    const parsed = IncidentSchema.shape.description.safeParse(answer)
    return parsed.success ? parsed.data : undefined
  })
  const moneyGiven = await askUntil(questions, say('incident.ask.money'), say('incident.retry.yesNo'), (answer) => {
    const word = answer.toLowerCase().normalize('NFC')
    return YES.has(word) ? true : NO.has(word) ? false : undefined
  })
  const phone = await askUntil(questions, say('incident.ask.phone'), say('incident.retry.phone'), (answer) => {
    if (answer === '') return null
    const parsed = PhoneSchema.safeParse(answer)
    return parsed.success ? parsed.data : undefined
  })
  return { kind, occurredAt, description, moneyGiven, phone }
}
