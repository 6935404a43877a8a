import { z } from 'zod'

export const AutorunFactsSchema = z.object({
  /** Programs can start by themselves from a USB drive or CD (Windows AutoRun, a desktop's autorun prompt). */
  autorunEnabled: z.boolean().nullable(),
  /** Inserting a drive opens it or offers actions by itself (AutoPlay, GNOME media handling). */
  autoplayEnabled: z.boolean().nullable(),
  /** Where it was read. */
  source: z.string().nullable(),
})
export type AutorunFacts = z.infer<typeof AutorunFactsSchema>
