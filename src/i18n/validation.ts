/**
 * Validation messages in the user's language: zod's own messages through its locale, ours through
 * the catalog. Set once by the CLI before anything is parsed.
 */
import { z } from 'zod'
import { t, type Lang, type MessageKey } from './index.js'

let validationLang: Lang = 'en'

export function configureValidationLanguage(lang: Lang): void {
  validationLang = lang
  z.config(lang === 'vi' ? z.locales.vi() : z.locales.en())
}

/** A zod `error` option that speaks the configured language. */
export function localizedError(key: MessageKey): { error: () => string } {
  return { error: () => t(validationLang, key) }
}
