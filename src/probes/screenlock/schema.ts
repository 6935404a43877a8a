import { z } from 'zod'

export const ScreenLockFactsSchema = z.object({
  /** A graphical desktop session to lock exists (false on a server without a desktop). */
  desktop: z.boolean(),
  /** The screen locks by itself when idle. */
  lockEnabled: z.boolean().nullable(),
  /** Unlocking asks for the password. */
  requiresPassword: z.boolean().nullable(),
  /** Minutes of idleness before the screen is locked (screen saver or blank delay plus lock delay). */
  idleMinutes: z.number().nullable(),
  /** Set by policy (Group Policy, a configuration profile), so the user cannot change it. */
  enforcedByPolicy: z.boolean().nullable(),
  /** Where the values were read (registry, gsettings, kscreenlockerrc, com.apple.screensaver). */
  source: z.string().nullable(),
  problems: z.array(z.string()),
})
export type ScreenLockFacts = z.infer<typeof ScreenLockFactsSchema>
