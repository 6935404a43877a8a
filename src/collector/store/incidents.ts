/**
 * Incidents reported from the PCs: stored once per incident id, the unit taken from the device,
 * then worked through new → in progress → closed by the police, each change recorded with who
 * made it and when. Retention never prunes them.
 */
import type { Selectable } from 'kysely'
import { incidentReference, type Incident, type IncidentAck } from '../../channel/schema.js'
import type { Db, IncidentTable } from '../db/schema.js'
import { CollectorError } from '../errors.js'
import type { User } from './users.js'

export const INCIDENT_STATUSES = ['new', 'in_progress', 'closed'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export interface ReportingDevice {
  id: string
  unitCode: string
  hostname: string
}

export interface IncidentRecord {
  reference: string
  incidentId: string
  unitCode: string
  hostname: string
  kind: Incident['kind']
  occurredAt: string | null
  description: string
  moneyGiven: boolean
  phone: string | null
  lang: Incident['lang']
  reportedAt: string
  receivedAt: string
  status: IncidentStatus
  updatedAt: string
}

export interface IncidentEvent {
  at: string
  user: string
  from: IncidentStatus
  to: IncidentStatus
  note: string | null
}

/**
 * Stores the incident unless this id is already stored; either way answers its reference.
 * 'revoked' when the device was revoked meanwhile (checked in the same transaction).
 */
export async function recordIncident(db: Db, device: ReportingDevice, incident: Incident, now: Date): Promise<IncidentAck | 'revoked'> {
  const reference = incidentReference(incident.incidentId)
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const active = await trx.selectFrom('devices').select('id').where('id', '=', device.id).where('revoked_at', 'is', null).executeTakeFirst()
    if (!active) return 'revoked'
    const inserted = await trx
      .insertInto('incidents')
      .values({
        incident_id: incident.incidentId,
        reference,
        device_id: device.id,
        unit_code: device.unitCode,
        hostname: device.hostname,
        kind: incident.kind,
        occurred_at: incident.occurredAt,
        description: incident.description,
        money_given: incident.moneyGiven ? 1 : 0,
        phone: incident.phone,
        lang: incident.lang,
        reported_at: incident.reportedAt,
        received_at: at,
        status: 'new',
        updated_at: at,
      })
      .onConflict((c) => c.column('incident_id').doNothing())
      .executeTakeFirst()
    return { reference, duplicate: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 }
  })
}

/** The queue as this user may see it: an admin every unit's (or one unit's), a viewer only their own. */
export async function listIncidents(db: Db, user: User, options: { unit?: string; status?: IncidentStatus } = {}): Promise<IncidentRecord[]> {
  let query = db.selectFrom('incidents').selectAll()
  const unit = user.role === 'admin' ? options.unit : user.unit
  if (unit !== undefined) query = query.where('unit_code', '=', unit ?? '')
  if (options.status) query = query.where('status', '=', options.status)
  const rows = await query.orderBy('received_at', 'desc').orderBy('reference').execute()
  return rows.map(toRecord)
}

export async function findIncident(db: Db, user: User, reference: string): Promise<{ incident: IncidentRecord; events: IncidentEvent[] }> {
  const row = await db.selectFrom('incidents').selectAll().where('reference', '=', reference.trim().toUpperCase()).executeTakeFirst()
  if (!row) throw new CollectorError('unknownIncident', { reference })
  // A viewer learns nothing of another unit's incidents, not even that the reference exists.
  if (user.role !== 'admin' && row.unit_code !== user.unit) throw new CollectorError('incidentNotVisible', { reference })
  const events = await db.selectFrom('incident_events').selectAll().where('incident_id', '=', row.incident_id).orderBy('at').orderBy('id').execute()
  return {
    incident: toRecord(row),
    events: events.map((event) => ({
      at: event.at,
      user: event.user_name,
      from: event.from_status as IncidentStatus,
      to: event.to_status as IncidentStatus,
      note: event.note,
    })),
  }
}

/** Moves an incident to a status, recording who did it; the same status again records nothing. */
export async function setIncidentStatus(
  db: Db,
  user: User,
  reference: string,
  status: IncidentStatus,
  note: string | null,
  now: Date,
): Promise<IncidentRecord> {
  const { incident } = await findIncident(db, user, reference)
  if (incident.status === status && !note) return incident
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('incidents').set({ status, updated_at: at }).where('incident_id', '=', incident.incidentId).execute()
    await trx
      .insertInto('incident_events')
      .values({ incident_id: incident.incidentId, at, user_name: user.name, from_status: incident.status, to_status: status, note })
      .execute()
  })
  return { ...incident, status, updatedAt: at }
}

function toRecord(row: Selectable<IncidentTable>): IncidentRecord {
  return {
    reference: row.reference,
    incidentId: row.incident_id,
    unitCode: row.unit_code,
    hostname: row.hostname,
    kind: row.kind as Incident['kind'],
    occurredAt: row.occurred_at,
    description: row.description,
    moneyGiven: row.money_given === 1,
    phone: row.phone,
    lang: row.lang as Incident['lang'],
    reportedAt: row.reported_at,
    receivedAt: row.received_at,
    status: row.status as IncidentStatus,
    updatedAt: row.updated_at,
  }
}
