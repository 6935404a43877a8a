import { z } from 'zod'

export const FirewallProfileSchema = z.object({
  /** Windows profiles (domain, private, public); Linux front-ends (ufw, firewalld, nftables, iptables); macOS application firewall. */
  name: z.enum(['domain', 'private', 'public', 'ufw', 'firewalld', 'nftables', 'iptables', 'application-firewall']),
  /** On and filtering (null: needs administrator rights or could not be read). */
  enabled: z.boolean().nullable(),
})

export const FirewallFactsSchema = z.object({
  /** Every firewall found; empty when the system has none at all. */
  profiles: z.array(FirewallProfileSchema),
  /** A third-party firewall registered in Windows Security Center (it may replace Windows Firewall). */
  thirdParty: z.array(z.object({ name: z.string(), enabled: z.boolean().nullable() })),
  problems: z.array(z.string()),
})
export type FirewallFacts = z.infer<typeof FirewallFactsSchema>
