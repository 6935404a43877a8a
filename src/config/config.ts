/**
 * The agent's configuration file: found through --config, else HYGIENE_CONFIG, else the per-user
 * config folder. Every key is validated; an unknown key is an error naming the file, the field and
 * the line, so a typo never silently turns a setting off.
 */
import { access } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { HygieneError } from '../core/errors.js'
import type { Host } from '../core/host.js'
import { defaultConfigFile } from '../core/user-dirs.js'
import { fieldIssues, formatFieldPath, lineOf, readYamlFile, type FieldIssue, type YamlSource } from '../core/yaml-file.js'
import { LANGS, t, type Lang } from '../i18n/index.js'
import { PhoneSchema } from '../channel/schema.js'
import { PROFILES } from '../engine/profiles.js'
import type { Rule } from '../engine/rule.js'
import { checkOverrides, RuleOverrideSchema } from '../engine/rule-overrides.js'

const FolderListSchema = z.array(z.string().trim().min(1))

export const ConfigSchema = z.strictObject({
  profile: z.enum(PROFILES).optional(),
  lang: z.enum(LANGS).optional(),
  backup: z.strictObject({ paths: FolderListSchema.optional() }).optional(),
  downloads: z
    .strictObject({
      extraPaths: FolderListSchema.optional(),
      maxDepth: z.number().int().min(1).max(64).optional(),
      maxEntries: z.number().int().min(1_000).max(10_000_000).optional(),
    })
    .optional(),
  rules: z.record(z.string(), RuleOverrideSchema).optional(),
  /** Written by `hygiene enroll`: where reports go. The device token is never here. */
  server: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      deviceId: z.uuid(),
      unit: z.strictObject({ code: z.string().min(1).max(32), name: z.string().max(200).nullable() }),
      /** A CA certificate (PEM) to trust for this server, besides the system's. */
      ca: z.string().min(1).optional(),
    })
    .optional(),
  upload: z
    .strictObject({
      /** Replace file and account names in uploaded evidence with short hashes (default true). */
      redact: z.boolean().optional(),
    })
    .optional(),
  /** The ward police contact `hygiene incident` prints when a report cannot reach them through the collector. */
  police: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      phone: PhoneSchema,
      address: z.string().trim().min(1).max(300).optional(),
    })
    .optional(),
})
export type Config = z.infer<typeof ConfigSchema>

export interface LoadedConfig {
  config: Config
  /** The file it came from, or null when none exists (all defaults). */
  file: string | null
  source: YamlSource | null
}

/** Which file to read, and whether the user named it (a named file that is missing is an error). */
export function configLocation(host: Host, explicit: string | undefined): { file: string; explicit: boolean } {
  if (explicit) return { file: path.resolve(explicit), explicit: true }
  const fromEnv = host.env.HYGIENE_CONFIG
  if (fromEnv) return { file: path.resolve(fromEnv), explicit: true }
  return { file: defaultConfigFile(host), explicit: false }
}

export async function loadConfig(host: Host, explicit: string | undefined, lang: Lang): Promise<LoadedConfig> {
  const location = configLocation(host, explicit)
  if (!location.explicit && !(await exists(location.file))) return { config: {}, file: null, source: null }
  const source = await readYamlFile(location.file, 'config')
  // An empty file is an empty configuration.
  const parsed = ConfigSchema.safeParse(source.data ?? {})
  if (!parsed.success) {
    throw invalidConfig(source, fieldIssues(parsed.error.issues), lang)
  }
  return { config: resolvePaths(parsed.data, host, location.file), file: location.file, source }
}

/** Rule overrides can only be checked once the rules are loaded. */
export function checkConfigRules(loaded: LoadedConfig, rules: Rule[], lang: Lang): void {
  if (!loaded.source || !loaded.config.rules) return
  const issues = checkOverrides(loaded.config.rules, rules, ['rules'], lang)
  if (issues.length > 0) throw invalidConfig(loaded.source, issues, lang)
}

function invalidConfig(source: YamlSource, issues: FieldIssue[], lang: Lang): HygieneError {
  const details = issues
    .slice(0, 10)
    .map((issue) => {
      const field = formatFieldPath(issue.path)
      const line = lineOf(source, issue.path) ?? '?'
      return `  - ${t(lang, 'config.issueLine', { field: field || '-', line, message: issue.message })}`
    })
    .join('\n')
  return new HygieneError('config.invalid', { file: source.file, details })
}

/** `~/x` means the home folder; a relative folder is relative to the config file. */
function resolvePaths(config: Config, host: Host, file: string): Config {
  const base = path.dirname(file)
  const resolve = (folder: string): string =>
    folder === '~' || folder.startsWith('~/') || folder.startsWith('~\\')
      ? path.join(host.homeDir, folder.slice(1))
      : path.resolve(base, folder)
  return {
    ...config,
    backup: config.backup && { ...config.backup, paths: config.backup.paths?.map(resolve) },
    downloads: config.downloads && { ...config.downloads, extraPaths: config.downloads.extraPaths?.map(resolve) },
    server: config.server && { ...config.server, ca: config.server.ca && resolve(config.server.ca) },
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
