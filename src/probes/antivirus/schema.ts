import { z } from 'zod'

/** One protection product as the platform reports it. */
export const AntivirusProductSchema = z.object({
  name: z.string(),
  /**
   * defender: Microsoft Defender; third-party: registered in Windows Security Center (BKAV,
   * Kaspersky...); clamav; xprotect: macOS's built-in scanner.
   */
  kind: z.enum(['defender', 'third-party', 'clamav', 'xprotect']),
  /** Scans files as they are opened (null: cannot be read). */
  realTimeProtection: z.boolean().nullable(),
  /** When its signatures were last updated (ISO 8601). */
  signaturesUpdatedAt: z.string().nullable(),
  signaturesAgeDays: z.number().int().nullable(),
  /** The product's own "signatures are current" flag, where it has one (Security Center). */
  upToDate: z.boolean().nullable(),
})
export type AntivirusProduct = z.infer<typeof AntivirusProductSchema>

export const AntivirusFactsSchema = z.object({
  products: z.array(AntivirusProductSchema),
  /** Why the list may be incomplete (a source that could not be read), for the rule's message. */
  problems: z.array(z.string()),
})
export type AntivirusFacts = z.infer<typeof AntivirusFactsSchema>
