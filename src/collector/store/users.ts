/**
 * People who use the dashboard and the read API: admins see every unit, a viewer only its own.
 * Sessions and API keys are random tokens stored as hashes; passwords are scrypt hashes.
 */
import type { Db } from '../db/schema.js'
import { CollectorError } from '../errors.js'
import { hashPassword, hashToken, newToken, verifyPassword } from '../secrets.js'
import { findUnit } from './units.js'

export const ROLES = ['admin', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface User {
  name: string
  role: Role
  /** The one unit a viewer may see; null for an admin. */
  unit: string | null
}

const USER_NAME = /^[\p{L}\p{N}._-]{2,64}$/u
export const MIN_PASSWORD_LENGTH = 10
const SESSION_HOURS = 12

export async function addUser(db: Db, name: string, role: Role, unit: string | null, password: string, now: Date): Promise<User> {
  if (!USER_NAME.test(name)) throw new CollectorError('badUserName', { name })
  if (password.length < MIN_PASSWORD_LENGTH) throw new CollectorError('badPassword', { min: MIN_PASSWORD_LENGTH })
  let unitCode: string | null = null
  if (unit !== null) {
    const found = await findUnit(db, unit)
    if (!found) throw new CollectorError('unknownUnit', { code: unit })
    unitCode = found.code
  }
  const inserted = await db
    .insertInto('users')
    .values({ name, role, unit_code: role === 'admin' ? null : unitCode, password_hash: await hashPassword(password), created_at: now.toISOString() })
    .onConflict((c) => c.column('name').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new CollectorError('userExists', { name })
  return { name, role, unit: role === 'admin' ? null : unitCode }
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').select(['name', 'role', 'unit_code']).orderBy('name').execute()
  return rows.map(toUser)
}

/** The user, when the password is right; null otherwise (same answer for an unknown name). */
export async function authenticate(db: Db, name: string, password: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst()
  // An unknown name costs the same scrypt time as a wrong password, so names cannot be probed.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH)
  return row && ok ? toUser(row) : null
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export interface Session {
  /** The cookie value; shown once, stored as a hash. */
  id: string
  csrfToken: string
  user: User
}

export async function createSession(db: Db, user: User, now: Date): Promise<Session> {
  const id = newToken()
  const csrfToken = newToken()
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
  await db.insertInto('sessions').values({ id_hash: hashToken(id), user_name: user.name, csrf_token: csrfToken, expires_at: expires.toISOString() }).execute()
  return { id, csrfToken, user }
}

export async function sessionById(db: Db, id: string, now: Date): Promise<Session | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.name', 'sessions.user_name')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'users.name', 'users.role', 'users.unit_code'])
    .where('sessions.id_hash', '=', hashToken(id))
    .executeTakeFirst()
  if (!row || row.expires_at <= now.toISOString()) return null
  return { id, csrfToken: row.csrf_token, user: toUser(row) }
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashToken(id)).execute()
}

export async function createApiKey(db: Db, userName: string, now: Date): Promise<string> {
  const user = await db.selectFrom('users').select('name').where('name', '=', userName).executeTakeFirst()
  if (!user) throw new CollectorError('unknownUser', { name: userName })
  const key = newToken()
  await db.insertInto('api_keys').values({ key_hash: hashToken(key), user_name: userName, created_at: now.toISOString() }).execute()
  return key
}

export async function userByApiKey(db: Db, key: string): Promise<User | null> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.name', 'api_keys.user_name')
    .select(['users.name', 'users.role', 'users.unit_code'])
    .where('api_keys.key_hash', '=', hashToken(key))
    .executeTakeFirst()
  return row ? toUser(row) : null
}

function toUser(row: { name: string; role: string; unit_code: string | null }): User {
  return { name: row.name, role: row.role === 'admin' ? 'admin' : 'viewer', unit: row.unit_code }
}
