/**
 * Enrollment: an admin makes a code for a unit; a PC trades the code for a device id and a device
 * token. Codes and tokens are stored only as hashes; a code's uses are counted down atomically, so
 * two PCs racing for the last use cannot both win.
 */
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/schema.js'
import { CollectorError } from '../errors.js'
import { hashToken, newEnrollCode, newToken, normalizeEnrollCode } from '../secrets.js'
import { findUnit } from './units.js'

export interface EnrollCodeOptions {
  unit: string
  uses: number
  /** null for a code that never expires. */
  expiresAt: Date | null
}

export async function createEnrollCode(db: Db, options: EnrollCodeOptions, now: Date): Promise<{ code: string; unit: string }> {
  const unit = await findUnit(db, options.unit)
  if (!unit) throw new CollectorError('unknownUnit', { code: options.unit })
  const code = newEnrollCode()
  await db
    .insertInto('enroll_codes')
    .values({
      code_hash: hashToken(code),
      unit_code: unit.code,
      uses_left: options.uses,
      expires_at: options.expiresAt?.toISOString() ?? null,
      created_at: now.toISOString(),
    })
    .execute()
  return { code, unit: unit.code }
}

export interface DeviceDescription {
  deviceKey: string
  hostname: string
  platform: string
  osName: string
}

export interface EnrolledDevice {
  deviceId: string
  token: string
  unit: string
  unitName: string
}

export async function enrollDevice(db: Db, code: string, device: DeviceDescription, now: Date): Promise<EnrolledDevice> {
  const codeHash = hashToken(normalizeEnrollCode(code))
  return db.transaction().execute(async (tx) => {
    const redeemed = await tx
      .updateTable('enroll_codes')
      .set((eb) => ({ uses_left: eb('uses_left', '-', 1) }))
      .where('code_hash', '=', codeHash)
      .where('uses_left', '>', 0)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
      .returning('unit_code')
      .executeTakeFirst()
    if (!redeemed) throw new CollectorError('badEnrollCode')
    const token = newToken()
    const deviceId = randomUUID()
    await tx
      .insertInto('devices')
      .values({
        id: deviceId,
        unit_code: redeemed.unit_code,
        token_hash: hashToken(token),
        device_key: device.deviceKey,
        hostname: device.hostname,
        os_platform: device.platform,
        os_name: device.osName,
        enrolled_at: now.toISOString(),
        revoked_at: null,
      })
      .execute()
    const unit = await tx.selectFrom('units').select('name').where('code', '=', redeemed.unit_code).executeTakeFirstOrThrow()
    return { deviceId, token, unit: redeemed.unit_code, unitName: unit.name }
  })
}

export interface DeviceRecord {
  id: string
  unitCode: string
  hostname: string
  revoked: boolean
}

/** The device a bearer token belongs to; null for an unknown token. A revoked device is returned as such. */
export async function deviceByToken(db: Db, token: string): Promise<DeviceRecord | null> {
  return deviceByTokenHash(db, hashToken(token))
}

export async function deviceByTokenHash(db: Db, tokenHash: string): Promise<DeviceRecord | null> {
  const row = await db
    .selectFrom('devices')
    .select(['id', 'unit_code', 'hostname', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
  return row ? { id: row.id, unitCode: row.unit_code, hostname: row.hostname, revoked: row.revoked_at !== null } : null
}

/** A revoked device's uploads get 401; it leaves the units table at once. Its reports are kept. */
export async function revokeDevice(db: Db, deviceId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // The device row first, as an upload does (it locks the row to check the device is active),
    // then the unit's totals through the triggers: the same order, so PostgreSQL never deadlocks.
    const updated = await tx
      .updateTable('devices')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0) throw new CollectorError('unknownDevice', { id: deviceId })
    await tx.deleteFrom('device_latest').where('device_id', '=', deviceId).execute()
    await tx.deleteFrom('device_failures').where('device_id', '=', deviceId).execute()
  })
}
