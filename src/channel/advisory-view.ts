/** How every renderer shows advisories: in the reader's language, as plain text that cannot steer the terminal. */
import type { Lang } from '../i18n/index.js'
import type { Advisory } from './schema.js'

/** The advisories to show with a report, and whether they are the last ones known rather than fresh. */
export interface ShownAdvisories {
  advisories: Advisory[]
  /** When the collector gave them (ISO). */
  fetchedAt: string
  /** True when the collector could not be reached now and these come from the saved copy. */
  cached: boolean
}

/**
 * Control characters (an ANSI escape could rewrite the terminal, hide text or fake a prompt) and
 * bidirectional overrides (they can make "moc.knab" read as "bank.com") are removed; line breaks stay.
 */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '').normalize('NFC')
}

/** English when asked for and written; otherwise the Vietnamese text, which every advisory has. */
export function advisoryText(advisory: Advisory, lang: Lang): { title: string; body: string } {
  const { title, body } = advisory
  // Both or neither: a title in one language over a body in the other reads as two messages.
  if (lang === 'en' && title.en !== null && body.en !== null) return { title: plainText(title.en), body: plainText(body.en) }
  return { title: plainText(title.vi), body: plainText(body.vi) }
}

/** The one most recently started, for one-line listings. */
export function newestAdvisory(advisories: readonly Advisory[]): Advisory | undefined {
  return advisories.reduce<Advisory | undefined>((newest, one) => (!newest || Date.parse(one.startsAt) > Date.parse(newest.startsAt) ? one : newest), undefined)
}
