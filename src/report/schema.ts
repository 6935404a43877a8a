/**
 * The JSON report contract (versioned). One schema shared by the renderers, the uploader and the
 * collector; schemas/report.schema.json is generated from it (npm run schemas) and tested for drift.
 */
import { z } from 'zod'
import { LANGS } from '../i18n/index.js'
import { PROFILES } from '../engine/profiles.js'
import { CATEGORIES, SEVERITIES } from '../engine/rule-schema.js'
import { GRADES, STATUSES } from '../engine/score.js'
import { DeviceSchema } from '../probes/snapshot.js'

export const REPORT_SCHEMA_VERSION = 1

const ScorePartsSchema = z.object({
  value: z.number().int().min(0).max(100),
  grade: z.enum(GRADES),
  /** Failed critical rules that capped the value at 50. */
  cappedBy: z.array(z.string()),
})

export const ResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  /** The rule's weight in the score (from its severity). */
  weight: z.number().int().positive(),
  status: z.enum(STATUSES),
  /** What was found, or why the rule could not be judged. */
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  /** How to fix it on this platform; null when there is nothing to fix. */
  remediation: z.string().nullable(),
})
export type Result = z.infer<typeof ResultSchema>

export const ReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  reportId: z.uuid(),
  generatedAt: z.iso.datetime({ offset: true }),
  /** Language of the texts in this report. */
  lang: z.enum(LANGS),
  agent: z.object({ version: z.string() }),
  device: DeviceSchema,
  /**
   * The unit the PC is enrolled in, as its configuration says. Informational: the collector takes
   * the unit from the device token, never from here; `hygiene scores` uses it offline.
   */
  unit: z.object({ code: z.string().min(1).max(32), name: z.string().max(200).nullable() }).optional(),
  /** The account the check ran as; absent when the facts came from a saved snapshot. */
  user: z.string().max(256).optional(),
  profile: z.enum(PROFILES),
  /** Where the facts came from: gathered now on this machine, or read from a saved snapshot. */
  facts: z.object({ source: z.enum(['collected', 'file']), collectedAt: z.iso.datetime({ offset: true }) }),
  score: ScorePartsSchema.extend({
    /** Version of the scoring function (see README.md, "Score"). */
    version: z.number().int().positive(),
    categories: z.array(ScorePartsSchema.extend({ category: z.enum(CATEGORIES) })),
  }),
  coverage: z.object({
    /** Share of the weight of the rules that ran which could really be checked (errors lower it). */
    ratio: z.number().min(0).max(1),
    counts: z.record(z.enum(STATUSES), z.number().int().nonnegative()),
  }),
  /** Things the reader must know to trust the report (a clock set in the past, ...). */
  notices: z.array(z.object({ code: z.enum(['clock-behind']), message: z.string() })),
  /** Failing rules first, then warnings, errors, passes, not applicable, skipped. Each rule once. */
  results: z.array(ResultSchema).refine((results) => new Set(results.map((result) => result.id)).size === results.length, {
    message: 'each rule appears once in results',
  }),
})
export type Report = z.infer<typeof ReportSchema>
