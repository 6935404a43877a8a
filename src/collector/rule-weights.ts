/** The collector's own copy of the rule severities, from the rule packs shipped with it. */
import { builtinRulesDir } from '../core/package-paths.js'
import type { Lang } from '../i18n/index.js'
import { loadRules, packFilesAt } from '../engine/load-rules.js'
import { factsSchema } from '../probes/registry.js'
import type { RuleWeight } from './rescore.js'

export async function builtinRuleWeights(lang: Lang): Promise<Map<string, RuleWeight>> {
  const rules = await loadRules(await packFilesAt(builtinRulesDir()), { lang, facts: factsSchema })
  return new Map(rules.map((rule) => [rule.id, { severity: rule.severity, category: rule.category }]))
}
