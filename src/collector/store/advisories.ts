/**
 * Advisories: warnings the ward police send to the PCs of every unit or of some. An advisory is
 * active from its start until it expires or is withdrawn; withdrawn ones stay listed for the record.
 */
import { z } from 'zod'
import { ADVISORY_BODY_MAX, ADVISORY_SEVERITIES, ADVISORY_TITLE_MAX, type Advisory } from '../../channel/schema.js'
import type { Selectable } from 'kysely'
import { t, type Lang } from '../../i18n/index.js'
import type { AdvisoryTable, Db } from '../db/schema.js'
import { CollectorError } from '../errors.js'
import { findUnit } from './units.js'

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable()

/** What an admin gives, from the CLI or the dashboard form. Markup is kept as typed: the agents show it as text. */
export const AdvisoryInputSchema = z.strictObject({
  titleVi: z.string().trim().min(1).max(ADVISORY_TITLE_MAX),
  titleEn: optionalText(ADVISORY_TITLE_MAX),
  bodyVi: z.string().trim().min(1).max(ADVISORY_BODY_MAX),
  bodyEn: optionalText(ADVISORY_BODY_MAX),
  severity: z.enum(ADVISORY_SEVERITIES),
  /** null: every unit. */
  units: z.array(z.string()).min(1).nullable(),
  startsAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
})
export type AdvisoryInput = z.infer<typeof AdvisoryInputSchema>

/** What is wrong with an advisory as typed, in the admin's language: the field and a plain reason. */
export function advisoryProblem(error: z.ZodError, lang: Lang): { field: string; reason: string } {
  const issue = error.issues[0]!
  const field = issue.path.join('.')
  if (issue.code === 'too_small') return { field, reason: t(lang, 'collector.advisory.reason.empty') }
  if (issue.code === 'too_big') return { field, reason: t(lang, 'collector.advisory.reason.tooLong', { max: Number(issue.maximum) }) }
  return { field, reason: t(lang, 'collector.advisory.reason.invalid') }
}

export interface AdvisoryRecord extends Advisory {
  units: string[] | null
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
  withdrawnAt: string | null
}

export async function addAdvisory(db: Db, input: AdvisoryInput, by: string, now: Date): Promise<AdvisoryRecord> {
  const units = await knownUnits(db, input.units)
  const at = now.toISOString()
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('advisories')
      .values({ ...columns(input), created_at: at, created_by: by, updated_at: at, updated_by: by, withdrawn_at: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (units) await trx.insertInto('advisory_units').values(units.map((unit_code) => ({ advisory_id: row.id, unit_code }))).execute()
    return row.id
  })
  return (await findAdvisory(db, id))!
}

export async function editAdvisory(db: Db, id: number, input: AdvisoryInput, by: string, now: Date): Promise<AdvisoryRecord> {
  const units = await knownUnits(db, input.units)
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('advisories')
      .set({ ...columns(input), updated_at: now.toISOString(), updated_by: by })
      .where('id', '=', id)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw new CollectorError('unknownAdvisory', { id })
    await trx.deleteFrom('advisory_units').where('advisory_id', '=', id).execute()
    if (units) await trx.insertInto('advisory_units').values(units.map((unit_code) => ({ advisory_id: id, unit_code }))).execute()
  })
  return (await findAdvisory(db, id))!
}

export async function withdrawAdvisory(db: Db, id: number, by: string, now: Date): Promise<AdvisoryRecord> {
  const updated = await db
    .updateTable('advisories')
    .set({ withdrawn_at: now.toISOString(), updated_at: now.toISOString(), updated_by: by })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) {
    const existing = await findAdvisory(db, id)
    if (!existing) throw new CollectorError('unknownAdvisory', { id })
    return existing
  }
  return (await findAdvisory(db, id))!
}

/** Every advisory, newest first, withdrawn and expired ones included. */
export async function listAdvisories(db: Db): Promise<AdvisoryRecord[]> {
  const rows = await db.selectFrom('advisories').selectAll().orderBy('id', 'desc').execute()
  const links = await db.selectFrom('advisory_units').selectAll().execute()
  return rows.map((row) => toRecord(row, links.filter((link) => link.advisory_id === row.id).map((link) => link.unit_code)))
}

export async function findAdvisory(db: Db, id: number): Promise<AdvisoryRecord | null> {
  const row = await db.selectFrom('advisories').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const links = await db.selectFrom('advisory_units').select('unit_code').where('advisory_id', '=', id).execute()
  return toRecord(row, links.map((link) => link.unit_code))
}

/** What a PC of this unit is shown now: started, not expired, not withdrawn, for all units or this one. */
export async function activeAdvisories(db: Db, unitCode: string, now: Date): Promise<Advisory[]> {
  const at = now.toISOString()
  const rows = await db
    .selectFrom('advisories')
    .selectAll()
    .where('withdrawn_at', 'is', null)
    .where('starts_at', '<=', at)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .where((eb) =>
      eb.or([
        eb('all_units', '=', 1),
        eb.exists(
          eb
            .selectFrom('advisory_units')
            .select('advisory_units.advisory_id')
            .whereRef('advisory_units.advisory_id', '=', 'advisories.id')
            .where('advisory_units.unit_code', '=', unitCode),
        ),
      ]),
    )
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
  return rows.map((row) => toAdvisory(row))
}

/** Active now: started, not yet expired, not withdrawn. */
export function isActive(record: AdvisoryRecord, now: Date): boolean {
  const at = now.toISOString()
  return record.withdrawnAt === null && record.startsAt <= at && (record.expiresAt === null || record.expiresAt > at)
}

async function knownUnits(db: Db, units: string[] | null): Promise<string[] | null> {
  if (units === null) return null
  const codes: string[] = []
  for (const code of units) {
    const unit = await findUnit(db, code)
    if (!unit) throw new CollectorError('unknownUnit', { code })
    if (!codes.includes(unit.code)) codes.push(unit.code)
  }
  return codes
}

function columns(input: AdvisoryInput) {
  return {
    title_vi: input.titleVi,
    title_en: input.titleEn,
    body_vi: input.bodyVi,
    body_en: input.bodyEn,
    severity: input.severity,
    all_units: input.units === null ? 1 : 0,
    starts_at: new Date(input.startsAt).toISOString(),
    expires_at: input.expiresAt === null ? null : new Date(input.expiresAt).toISOString(),
  }
}

type AdvisoryRow = Selectable<AdvisoryTable>

function toAdvisory(row: AdvisoryRow): Advisory {
  return {
    id: Number(row.id),
    title: { vi: row.title_vi, en: row.title_en },
    body: { vi: row.body_vi, en: row.body_en },
    severity: row.severity as Advisory['severity'],
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
  }
}

function toRecord(row: AdvisoryRow, units: string[]): AdvisoryRecord {
  return {
    ...toAdvisory(row),
    units: row.all_units === 1 ? null : units.sort(),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    withdrawnAt: row.withdrawn_at,
  }
}
