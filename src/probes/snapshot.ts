/**
 * The facts snapshot: what `hygiene facts` prints and `hygiene check --facts FILE` evaluates.
 * Each probe's outcome is kept apart, so a failed probe only costs its own rules.
 */
import { z } from 'zod'
import { PLATFORMS } from '../core/platform.js'

export const FACTS_SCHEMA_VERSION = 1

export const ProbeOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), durationMs: z.number().nonnegative(), facts: z.unknown() }),
  z.strictObject({ status: z.literal('error'), durationMs: z.number().nonnegative(), reason: z.string() }),
  /** The probe has no implementation for this platform. */
  z.strictObject({ status: z.literal('unsupported'), reason: z.string() }),
])
export type ProbeOutcome = z.infer<typeof ProbeOutcomeSchema>

export const DeviceSchema = z.strictObject({
  /** Stable and not reversible to any hardware serial: a salted hash of the OS's machine id. */
  id: z.string().regex(/^[0-9a-f]{32}$/),
  hostname: z.string(),
  os: z.strictObject({
    platform: z.enum(PLATFORMS),
    name: z.string(),
    version: z.string().nullable(),
    build: z.string().nullable(),
  }),
})
export type Device = z.infer<typeof DeviceSchema>

export const FactsSnapshotSchema = z.strictObject({
  kind: z.literal('ward-hygiene/facts'),
  schemaVersion: z.literal(FACTS_SCHEMA_VERSION),
  collectedAt: z.iso.datetime({ offset: true }),
  agent: z.strictObject({ version: z.string() }),
  device: DeviceSchema,
  probes: z.record(z.string(), ProbeOutcomeSchema),
})
export type FactsSnapshot = z.infer<typeof FactsSnapshotSchema>
