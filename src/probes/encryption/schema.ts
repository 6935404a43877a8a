import { z } from 'zod'

export const EncryptionFactsSchema = z.object({
  /** The system disk: C: on Windows, / on Linux and macOS. */
  systemVolume: z.object({
    mount: z.string(),
    method: z.enum(['bitlocker', 'luks', 'filevault', 'none']).nullable(),
    /** Fully encrypted and protection on (null: cannot be told without administrator rights). */
    encrypted: z.boolean().nullable(),
    state: z.enum(['on', 'off', 'encrypting', 'decrypting', 'suspended', 'unknown']),
    /** The answer needs administrator rights this run did not have. */
    needsAdmin: z.boolean(),
  }),
  problems: z.array(z.string()),
})
export type EncryptionFacts = z.infer<typeof EncryptionFactsSchema>
