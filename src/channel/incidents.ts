/**
 * Incident reports from the PC to the ward police: built and validated here, sent with the device
 * token, spooled while the collector cannot be reached, and saved as a file to hand over on a USB
 * stick when there is no collector to send them to (or it refused them for good).
 */
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { writeFileAtomic } from '../core/atomic-file.js'
import type { Clock } from '../core/clock.js'
import type { Host } from '../core/host.js'
import { dataDir, hostPath } from '../core/user-dirs.js'
import type { Lang, MessageKey } from '../i18n/index.js'
import type { DeliveryTarget } from '../upload/deliver.js'
import { postJson, type PostFailure } from '../upload/send.js'
import { deliverThroughSpool, type ItemResult, type SpoolDelivery, type SpoolSender } from '../upload/spool-delivery.js'
import { spoolDir, timeStamp, type SpoolKind } from '../upload/spool.js'
import { IncidentSchema, incidentReference, type Incident, type IncidentKind } from './schema.js'

/** What the person says; the rest of the incident is filled in by the agent. */
export interface IncidentAnswers {
  /** One of INCIDENT_KINDS; a flag's value is checked when the incident is built. */
  kind: string
  description: string
  occurredAt: string | null
  moneyGiven: boolean
  phone: string | null
}

/** A new incident, checked against the wire contract; throws the zod error naming the field when an answer is not valid. */
export function buildIncident(answers: IncidentAnswers, context: { clock: Clock; lang: Lang; agentVersion: string }): Incident {
  return IncidentSchema.parse({
    incidentId: randomUUID(),
    ...answers,
    reportedAt: context.clock.now().toISOString(),
    lang: context.lang,
    agent: { version: context.agentVersion },
  })
}

export const incidentSpool: SpoolKind<Incident> = {
  dir: (host) => hostPath(host).join(spoolDir(host), 'incidents'),
  schema: IncidentSchema,
  fileName: (incident) => `${timeStamp(incident.reportedAt)}_${incident.incidentId}.json`,
  // A person's report to the police is never dropped to make room: it is small and rare.
  limit: null,
}

/** Incident reports to hand over by hand: the data folder's `incidents/`, named by their reference. */
export function handoverDir(host: Host): string {
  return hostPath(host).join(dataDir(host), 'incidents')
}

function handoverFile(host: Host, incident: Incident): string {
  return hostPath(host).join(handoverDir(host), `${timeStamp(incident.reportedAt)}_${incidentReference(incident.incidentId)}.json`)
}

/** The file holds exactly the incident as the collector takes it, so it can be entered there as it is. */
export async function saveForHandover(host: Host, incident: Incident): Promise<string> {
  const file = handoverFile(host, incident)
  await writeFileAtomic(file, `${JSON.stringify(incident, null, 2)}\n`)
  return file
}

/**
 * Sends one incident report. The acknowledgement's body is not needed: the reference is derived
 * from the incident id on both sides, and the clerk was given it before sending.
 */
export async function sendIncident(incident: Incident, target: DeliveryTarget): Promise<{ kind: 'delivered' } | PostFailure> {
  const outcome = await postJson('/api/v1/incidents', incident, target)
  return outcome.kind === 'accepted' ? { kind: 'delivered' } : outcome
}

export function incidentSender(host: Host, target: DeliveryTarget): SpoolSender<Incident> {
  return {
    kind: incidentSpool,
    send: (incident) => sendIncident(incident, target),
    async keepRefused(incident, spooledFile) {
      const file = await saveForHandover(host, incident)
      if (spooledFile) await rm(spooledFile, { force: true })
      return file
    },
  }
}

/** The waiting incident reports first, then `incident` (if any). */
export function deliverIncidents(host: Host, target: DeliveryTarget, incident: Incident | null): Promise<SpoolDelivery<Incident>> {
  return deliverThroughSpool(host, incidentSender(host, target), incident)
}

/** What became of a new incident report. Every one of them keeps the report somewhere. */
export type IncidentOutcome =
  | { kind: 'sent' }
  /** The collector cannot be reached now: it waits in the spool. */
  | { kind: 'spooled'; problem: string }
  /** The collector no longer knows this PC: it waits in the spool for a new enrollment, and a copy is saved to hand over. */
  | { kind: 'unauthorized'; file: string }
  /** Refused for good (a 400): saved to hand over. */
  | { kind: 'refused'; reason: string; file: string }
  | { kind: 'notEnrolled'; file: string }

/** Sends a new incident report (after those waiting), or keeps it when it cannot go. */
export async function fileIncident(host: Host, target: DeliveryTarget | null, incident: Incident): Promise<IncidentOutcome> {
  if (!target) return { kind: 'notEnrolled', file: await saveForHandover(host, incident) }
  let mine: { result: ItemResult; detail: string | null } = { result: 'spooled', detail: null }
  const sender: SpoolSender<Incident> = {
    ...incidentSender(host, target),
    onResult(item, result, detail) {
      if (item.incidentId === incident.incidentId) mine = { result, detail }
    },
  }
  await deliverThroughSpool(host, sender, incident)
  switch (mine.result) {
    case 'delivered':
      return { kind: 'sent' }
    case 'rejected':
      return { kind: 'refused', reason: mine.detail ?? '', file: handoverFile(host, incident) }
    case 'unauthorized':
      // A revoked PC may take days to enroll again: the police get the file meanwhile (the collector stores one copy).
      return { kind: 'unauthorized', file: await saveForHandover(host, incident) }
    case 'spooled':
      return { kind: 'spooled', problem: mine.detail ?? '' }
  }
}

/** What to do at once, most urgent first: stop the money, then what the kind of incident calls for, then keep the evidence. */
export function incidentAdvice(kind: IncidentKind, moneyGiven: boolean): MessageKey[] {
  const byKind: Record<IncidentKind, MessageKey[]> = {
    'scam-call': ['incident.advice.hangUp', 'incident.advice.noReply'],
    phishing: ['incident.advice.disconnect', 'incident.advice.passwords'],
    malware: ['incident.advice.disconnect'],
    account: ['incident.advice.passwords', 'incident.advice.account'],
    'data-leak': ['incident.advice.dataLeak', 'incident.advice.passwords'],
    other: [],
  }
  const money: MessageKey[] = moneyGiven ? ['incident.advice.passwords', 'incident.advice.noReply'] : []
  const advice: MessageKey[] = [...(moneyGiven ? ['incident.advice.bank' as const] : []), ...byKind[kind], ...money, 'incident.advice.evidence']
  return [...new Set(advice)]
}
