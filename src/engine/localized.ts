/** Text that exists in both languages, as rule packs and profiles carry it. */
import { z } from 'zod'
import type { Lang } from '../i18n/index.js'

export const LocalizedSchema = z.strictObject({
  vi: z.string().trim().min(1),
  en: z.string().trim().min(1),
})
export type Localized = z.infer<typeof LocalizedSchema>

export function pick(text: Localized, lang: Lang): string {
  return text[lang]
}
