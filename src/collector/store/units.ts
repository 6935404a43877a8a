/** Units: an office, a school, a village; each PC belongs to one. */
import type { Db } from '../db/schema.js'
import { CollectorError } from '../errors.js'

/** Unit codes are short and typed by people: letters, digits and dashes, like THCS-01. */
export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/

export interface Unit {
  code: string
  name: string
  createdAt: string
}

export async function addUnit(db: Db, code: string, name: string, now: Date): Promise<Unit> {
  const normalized = code.trim().toUpperCase()
  if (!UNIT_CODE.test(normalized)) throw new CollectorError('badUnitCode', { code })
  if (!name.trim()) throw new CollectorError('badUnitName', { code })
  const created = { code: normalized, name: name.trim(), created_at: now.toISOString() }
  const inserted = await db.insertInto('units').values(created).onConflict((c) => c.column('code').doNothing()).executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new CollectorError('unitExists', { code: normalized })
  return { code: created.code, name: created.name, createdAt: created.created_at }
}

export async function listUnits(db: Db): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('code').execute()
  return rows.map((row) => ({ code: row.code, name: row.name, createdAt: row.created_at }))
}

export async function findUnit(db: Db, code: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
  return row ? { code: row.code, name: row.name, createdAt: row.created_at } : null
}
