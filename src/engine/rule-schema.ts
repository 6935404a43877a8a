/**
 * The shape of a rule pack (rules/*.yaml). Conditions are checked structurally here and then
 * parsed against the fact schemas by the loader (condition-parser.ts).
 */
import { z } from 'zod'
import { PLATFORMS } from '../core/platform.js'
import { localizedError } from '../i18n/validation.js'
import { LocalizedSchema } from './localized.js'

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const
export type Severity = (typeof SEVERITIES)[number]

export const CATEGORIES = [
  'password',
  'access',
  'backup',
  'updates',
  'downloads',
  'malware',
  'network',
  'data',
  'scam',
  'software',
  'media',
] as const
export type Category = (typeof CATEGORIES)[number]

/** `<area>.<name>`, both kebab-case: stable forever, never reused. */
export const RULE_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/

export const ParamValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])
export type ParamValue = z.infer<typeof ParamValueSchema>

const MessageVariantSchema = LocalizedSchema.extend({ when: z.unknown().optional() })
const MessageSchema = z.union([LocalizedSchema, z.array(MessageVariantSchema).min(1)])

const EvidenceSpecSchema = z.union([
  z.string().min(1),
  z.strictObject({
    fact: z.string().min(1),
    where: z.unknown().optional(),
    fields: z.array(z.string().min(1)).min(1).optional(),
    limit: z.number().int().positive().optional(),
  }),
])
export type EvidenceSpec = z.infer<typeof EvidenceSpecSchema>

const RemediationSchema = z
  .strictObject({
    default: LocalizedSchema.optional(),
    linux: LocalizedSchema.optional(),
    windows: LocalizedSchema.optional(),
    macos: LocalizedSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, localizedError('pack.rule.remediationEmpty'))

export const RawRuleSchema = z
  .strictObject({
    id: z.string().regex(RULE_ID_PATTERN, localizedError('pack.rule.badId')),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    platforms: z.array(z.enum(PLATFORMS)).min(1),
    title: LocalizedSchema,
    rationale: LocalizedSchema,
    remediation: RemediationSchema,
    references: z.array(z.string().trim().min(1)).min(1),
    params: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), ParamValueSchema).default({}),
    appliesWhen: z.unknown().optional(),
    passWhen: z.unknown().optional(),
    warnWhen: z.unknown().optional(),
    /** A named evaluator in src/engine/evaluators, for what conditions cannot say. */
    evaluator: z.string().optional(),
    evidence: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), EvidenceSpecSchema).default({}),
    messages: z.strictObject({
      pass: MessageSchema,
      fail: MessageSchema,
      warn: MessageSchema.optional(),
      notApplicable: MessageSchema.optional(),
      unknown: MessageSchema.optional(),
    }),
    deprecated: z.boolean().optional(),
    replacedBy: z.string().regex(RULE_ID_PATTERN).optional(),
  })
  .refine((rule) => (rule.passWhen === undefined) !== (rule.evaluator === undefined), {
    ...localizedError('pack.rule.passWhenOrEvaluator'),
    path: ['passWhen'],
  })
  .refine((rule) => !rule.deprecated || rule.replacedBy !== undefined, {
    ...localizedError('pack.rule.deprecatedNeedsReplacement'),
    path: ['replacedBy'],
  })
  .refine((rule) => rule.remediation.default || rule.platforms.every((platform) => rule.remediation[platform]), {
    ...localizedError('pack.rule.remediationPerPlatform'),
    path: ['remediation'],
  })
export type RawRule = z.infer<typeof RawRuleSchema>

export const PackMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().positive(),
  title: LocalizedSchema.optional(),
})

/** A pack file is a list of rules, or `pack:` metadata with `rules:`. */
export const PackFileSchema = z.union([
  z.array(z.unknown()),
  z.strictObject({ pack: PackMetaSchema.optional(), rules: z.array(z.unknown()) }),
])
