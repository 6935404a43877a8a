/**
 * The ward's two-way channel, shared by the agent and the collector: advisories (police warnings
 * sent to the PCs) and incidents (reports from a PC to the police). Both sides validate with these.
 */
import { z } from 'zod'
import { LANGS } from '../i18n/index.js'

export const ADVISORY_SEVERITIES = ['info', 'warning', 'critical'] as const
export type AdvisorySeverity = (typeof ADVISORY_SEVERITIES)[number]

export const ADVISORY_TITLE_MAX = 200
export const ADVISORY_BODY_MAX = 4_000

const Timestamp = z.iso.datetime({ offset: true })

/** Plain text only: the agent never renders markup nor opens links from an advisory. */
export const AdvisorySchema = z.strictObject({
  id: z.number().int().positive(),
  title: z.strictObject({ vi: z.string().min(1).max(ADVISORY_TITLE_MAX), en: z.string().min(1).max(ADVISORY_TITLE_MAX).nullable() }),
  body: z.strictObject({ vi: z.string().min(1).max(ADVISORY_BODY_MAX), en: z.string().min(1).max(ADVISORY_BODY_MAX).nullable() }),
  severity: z.enum(ADVISORY_SEVERITIES),
  startsAt: Timestamp,
  /** null: until withdrawn. */
  expiresAt: Timestamp.nullable(),
})
export type Advisory = z.infer<typeof AdvisorySchema>

/** `GET /api/v1/advisories`: the active advisories for the device's unit, newest first. */
export const AdvisoriesResponseSchema = z.strictObject({
  advisories: z.array(AdvisorySchema).max(100),
  serverTime: Timestamp,
})
export type AdvisoriesResponse = z.infer<typeof AdvisoriesResponseSchema>

export const INCIDENT_KINDS = ['scam-call', 'phishing', 'malware', 'account', 'data-leak', 'other'] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]

export const INCIDENT_DESCRIPTION_MAX = 4_000

/** A phone number as people write it in Vietnam: digits, spaces, dots, dashes, an optional leading +. */
export const PhoneSchema = z.string().trim().regex(/^\+?[0-9][0-9 .-]{5,19}$/)

/** `POST /api/v1/incidents` with the device token: the same `incidentId` is stored once. */
export const IncidentSchema = z.strictObject({
  incidentId: z.uuid(),
  kind: z.enum(INCIDENT_KINDS),
  /** When it happened, as the person says; null when they do not know. */
  occurredAt: Timestamp.nullable(),
  description: z.string().trim().min(1).max(INCIDENT_DESCRIPTION_MAX),
  /** Money was transferred or OTP codes were given. */
  moneyGiven: z.boolean(),
  phone: PhoneSchema.nullable(),
  reportedAt: Timestamp,
  lang: z.enum(LANGS),
  agent: z.strictObject({ version: z.string().min(1).max(50) }),
})
export type Incident = z.infer<typeof IncidentSchema>

export const IncidentAckSchema = z.strictObject({ reference: z.string(), duplicate: z.boolean() })
export type IncidentAck = z.infer<typeof IncidentAckSchema>

/**
 * The reference the clerk is given: derived from the incident id, so it is known at once, even when
 * the incident waits offline, and the police see the same one.
 */
export function incidentReference(incidentId: string): string {
  return `SC-${incidentId.replace(/-/g, '').slice(0, 8).toUpperCase()}`
}
