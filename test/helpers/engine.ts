/** Loads the real rule packs, profiles and data once for engine and rule tests, and evaluates facts with them. */
import { builtinRulesDir } from '../../src/core/package-paths.js'
import { loadEngineData, type EngineData } from '../../src/engine/engine-data.js'
import { evaluateRules, type RuleResult } from '../../src/engine/evaluate.js'
import { loadRules, packFilesAt } from '../../src/engine/load-rules.js'
import { planRules } from '../../src/engine/plan.js'
import { loadProfiles, type Profile, type ProfileName } from '../../src/engine/profiles.js'
import type { Rule } from '../../src/engine/rule.js'
import type { Lang } from '../../src/i18n/index.js'
import { factsSchema } from '../../src/probes/registry.js'
import type { FactsSnapshot } from '../../src/probes/snapshot.js'

export interface LoadedPacks {
  rules: Rule[]
  profiles: Record<ProfileName, Profile>
  data: EngineData
}

let loaded: Promise<LoadedPacks> | undefined

export function builtinPacks(): Promise<LoadedPacks> {
  loaded ??= (async () => {
    const dir = builtinRulesDir()
    const rules = await loadRules(await packFilesAt(dir), { lang: 'en', facts: factsSchema })
    return { rules, profiles: await loadProfiles(dir, rules, 'en'), data: await loadEngineData(dir) }
  })()
  return loaded
}

export interface EvaluateOptions {
  lang?: Lang
  profile?: ProfileName
  params?: Record<string, unknown>
  now?: string
}

/** Evaluates one built-in rule on a snapshot. */
export async function evaluateBuiltin(id: string, snapshot: FactsSnapshot, options: EvaluateOptions = {}): Promise<RuleResult> {
  const { rules, profiles, data } = await builtinPacks()
  const rule = rules.find((r) => r.id === id)
  if (!rule) throw new Error(`no rule ${id}`)
  const plan = planRules([rule], {
    profile: profiles[options.profile ?? 'office'],
    config: options.params ? { [id]: { params: options.params as Record<string, number> } } : undefined,
  })
  const [result] = evaluateRules(plan, {
    platform: snapshot.device.os.platform,
    lang: options.lang ?? 'en',
    data,
    now: new Date(options.now ?? '2026-11-29T12:00:00Z'),
    probes: snapshot.probes,
  })
  return result!
}
