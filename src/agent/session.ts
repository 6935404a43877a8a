/**
 * What every command needs before it can work: the language, the config file, the rule packs,
 * the profiles and the data tables, all validated. Any mistake stops here with exit code 2.
 */
import path from 'node:path'
import type { Clock } from '../core/clock.js'
import { HygieneError } from '../core/errors.js'
import type { Host } from '../core/host.js'
import { builtinRulesDir } from '../core/package-paths.js'
import type { CommandRunner } from '../core/runner.js'
import { checkConfigRules, loadConfig, type LoadedConfig } from '../config/config.js'
import { osLang, type Lang } from '../i18n/index.js'
import { configureValidationLanguage } from '../i18n/validation.js'
import { loadEngineData, type EngineData } from '../engine/engine-data.js'
import { loadRules, packFilesAt } from '../engine/load-rules.js'
import { loadProfiles, PROFILES, type Profile, type ProfileName } from '../engine/profiles.js'
import type { Rule } from '../engine/rule.js'
import { factsSchema } from '../probes/registry.js'

/** The world as the agent touches it; tests pass their own. */
export interface AgentDeps {
  host: Host
  run: CommandRunner
  clock: Clock
  /**
   * Lowers this process's CPU priority (and that of the commands it starts): a scheduled check
   * runs while the clerk works. Absent in tests that do not care.
   */
  lowerPriority?: () => void
}

export interface SessionOptions {
  lang?: Lang
  config?: string
  profile?: string
  /** Extra rule packs (files or folders), after the built-in ones. */
  rules?: string[]
}

export interface Session {
  lang: Lang
  config: LoadedConfig
  rules: Rule[]
  profile: Profile
  data: EngineData
}

export async function openSession(options: SessionOptions, deps: AgentDeps): Promise<Session> {
  let lang = options.lang ?? osLang(deps.host.env)
  configureValidationLanguage(lang)
  const config = await loadConfig(deps.host, options.config, lang)
  if (!options.lang && config.config.lang) {
    lang = config.config.lang
    configureValidationLanguage(lang)
  }
  const rulesDir = builtinRulesDir()
  const packFiles = [
    ...(await packFilesAt(rulesDir)),
    ...(await Promise.all((options.rules ?? []).map((extra) => packFilesAt(path.resolve(extra))))).flat(),
  ]
  const rules = await loadRules(packFiles, { lang, facts: factsSchema })
  checkConfigRules(config, rules, lang)
  const profiles = await loadProfiles(rulesDir, rules, lang)
  const profileName = options.profile ?? config.config.profile ?? 'office'
  if (!(PROFILES as readonly string[]).includes(profileName)) {
    throw new HygieneError('usage.badProfile', { value: profileName, allowed: PROFILES.join(', ') })
  }
  return {
    lang,
    config,
    rules,
    profile: profiles[profileName as ProfileName],
    data: await loadEngineData(rulesDir),
  }
}
