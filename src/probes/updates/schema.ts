import { z } from 'zod'

export const UpdatesFactsSchema = z.object({
  /** Where the counts come from; null when none is known here. */
  packageManager: z.enum(['apt', 'dnf', 'zypper', 'windows-update', 'softwareupdate']).nullable(),
  /** Packages with a newer version available (null: could not be determined). */
  pendingUpdates: z.number().int().nullable(),
  /** Of those, the ones coming from a security archive or advisory. */
  pendingSecurityUpdates: z.number().int().nullable(),
  /** Names of the packages with pending security updates, sorted, at most 50. */
  securityPackages: z.array(z.string()),
  /** When the package index was last refreshed (apt update / dnf makecache), ISO 8601. */
  indexRefreshedAt: z.string().nullable(),
  indexAgeDays: z.number().int().nullable(),
  /** The system says a restart is needed to finish installing updates. */
  rebootRequired: z.boolean().nullable(),
  /** When an update was last installed (ISO 8601), from the update history. */
  lastInstalledAt: z.string().nullable(),
  lastInstalledAgeDays: z.number().int().nullable(),
  /** Updates are switched off: the update service disabled, or blocked by policy. */
  updatesDisabled: z.boolean().nullable(),
  /** Why a fact above is null (a command that failed or timed out), for the rule's message. */
  problems: z.array(z.string()),
})
export type UpdatesFacts = z.infer<typeof UpdatesFactsSchema>
