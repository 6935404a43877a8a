/**
 * Profiles (rules/data/profiles.yaml): which rules run and with which parameters for an office,
 * a school or the police. The police profile is the strictest.
 */
import path from 'node:path'
import { z } from 'zod'
import { HygieneError } from '../core/errors.js'
import { fieldIssues, formatFieldPath, lineOf, readYamlFile, type FieldPath } from '../core/yaml-file.js'
import type { Lang } from '../i18n/index.js'
import { LocalizedSchema } from './localized.js'
import type { Rule } from './rule.js'
import { checkOverrides, RuleOverrideSchema, type RuleOverrides } from './rule-overrides.js'

export const PROFILES = ['office', 'school', 'police'] as const
export type ProfileName = (typeof PROFILES)[number]

const ProfileSchema = z.strictObject({
  title: LocalizedSchema,
  description: LocalizedSchema,
  rules: z.record(z.string(), RuleOverrideSchema).default({}),
})
export type Profile = z.infer<typeof ProfileSchema> & { name: ProfileName }

const ProfilesFileSchema = z.strictObject({
  profiles: z.strictObject({ office: ProfileSchema, school: ProfileSchema, police: ProfileSchema }),
})

export async function loadProfiles(rulesDir: string, rules: Rule[], lang: Lang): Promise<Record<ProfileName, Profile>> {
  const file = path.join(rulesDir, 'data', 'profiles.yaml')
  const source = await readYamlFile(file, 'profiles')
  const parsed = ProfilesFileSchema.safeParse(source.data)
  const fail = (at: FieldPath, detail: string): never => {
    throw new HygieneError('data.invalid', { file, field: formatFieldPath(at), line: lineOf(source, at) ?? '?', detail })
  }
  if (!parsed.success) {
    const issue = fieldIssues(parsed.error.issues)[0]!
    return fail(issue.path, issue.message)
  }
  const profiles = {} as Record<ProfileName, Profile>
  for (const name of PROFILES) {
    const profile = parsed.data.profiles[name]
    const issue = checkOverrides(profile.rules as RuleOverrides, rules, ['profiles', name, 'rules'], lang)[0]
    if (issue) fail(issue.path, issue.message)
    profiles[name] = { ...profile, name }
  }
  return profiles
}
