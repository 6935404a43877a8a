/**
 * Windows firewall facts from the shared PowerShell run: each Windows Firewall profile as the policy in effect
 * sets it (Get-NetFirewallProfile -PolicyStore ActiveStore, platform-reference §5.1), and third-party firewalls
 * registered in Windows Security Center. Neither needs administrator rights.
 */
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { decodeProductState } from '../windows/security-center.js'
import { FirewallSectionSchema, windowsSection, type FirewallSection } from '../windows/windows-facts.js'
import type { FirewallFacts } from './schema.js'

const PROFILES = ['domain', 'private', 'public'] as const
type Profile = (typeof PROFILES)[number]

/** GpoBoolean names; NotConfigured (not expected in the ActiveStore, Appendix D #1) stays unknown. */
const GPO_BOOLEAN: Record<string, boolean> = { True: true, False: false }

export async function collectWindowsFirewall(ctx: ProbeContext): Promise<FirewallFacts> {
  return windowsFirewallFacts(await windowsSection(ctx, 'firewall', FirewallSectionSchema))
}

export function windowsFirewallFacts(section: FirewallSection): FirewallFacts {
  const { profiles, securityCenter } = section
  if (!profiles.ok && !securityCenter.ok) {
    throw new ProbeFailure(
      `no firewall source could be read: profiles: ${profiles.error}; Security Center: ${securityCenter.error}`,
    )
  }
  const problems: string[] = []
  if (!profiles.ok) problems.push(`Windows Firewall profiles: ${profiles.error}`)
  if (!securityCenter.ok) problems.push(`Windows Security Center: ${securityCenter.error}`)
  const read = profiles.ok ? profiles.data.profiles : []
  // Windows always has the three profiles: one that could not be read is listed as unknown, and says why.
  const states = PROFILES.map((name) => ({ name, enabled: enabledOf(read, name) }))
  if (profiles.ok) {
    for (const { name } of states.filter((state) => state.enabled === null)) {
      const given = read.find((entry) => entry.name.toLowerCase() === name)?.enabled
      problems.push(`Windows Firewall ${name} profile: ${given === undefined ? 'not listed' : `Enabled is ${given}`}`)
    }
  }
  return {
    profiles: states,
    thirdParty: securityCenter.ok
      ? securityCenter.data.products.map((product) => ({
          name: product.name,
          enabled: decodeProductState(product.state).active,
        }))
      : [],
    problems,
  }
}

function enabledOf(profiles: ReadonlyArray<{ name: string; enabled: string }>, name: Profile): boolean | null {
  const profile = profiles.find((entry) => entry.name.toLowerCase() === name)
  return profile ? (GPO_BOOLEAN[profile.enabled] ?? null) : null
}
