/**
 * Whether the kernel's packet filter protects this PC: a chain on the `input` hook that drops by
 * default or holds rules. Chains on other hooks (NAT, forwarding for containers, as Docker adds)
 * do not filter what reaches the PC itself.
 */
import { z } from 'zod'

/** `nft -j list ruleset` (libnftables-json(5)): metainfo, then table, chain and rule objects. */
const NftRulesetSchema = z.object({
  nftables: z.array(
    z.object({
      chain: z
        .object({ family: z.string(), table: z.string(), name: z.string(), hook: z.string().optional(), policy: z.string().optional() })
        .optional(),
      rule: z.object({ family: z.string(), table: z.string(), chain: z.string() }).optional(),
    }),
  ),
})

const BLOCKING_POLICIES = new Set(['drop', 'reject'])

/** null when the text is not an nft JSON ruleset. */
export function nftablesFilterInput(json: string): boolean | null {
  let parsed: z.infer<typeof NftRulesetSchema>
  try {
    parsed = NftRulesetSchema.parse(JSON.parse(json))
  } catch {
    return null
  }
  const chainOf = (family: string, table: string, name: string): string => `${family}/${table}/${name}`
  const withRules = new Set(parsed.nftables.flatMap(({ rule }) => (rule ? [chainOf(rule.family, rule.table, rule.chain)] : [])))
  return parsed.nftables.some(
    ({ chain }) =>
      chain?.hook === 'input' &&
      (BLOCKING_POLICIES.has(chain.policy ?? '') || withRules.has(chainOf(chain.family, chain.table, chain.name))),
  )
}

/** `iptables -S INPUT`: `-P INPUT DROP` (the chain's policy), then one `-A INPUT ...` line per rule. */
export function iptablesFilterInput(text: string): boolean {
  return /^-P INPUT (DROP|REJECT)\b/m.test(text) || /^-A INPUT /m.test(text)
}
