/**
 * Fresh collector databases for tests: a temp SQLite file, or a new database on the PostgreSQL at
 * 127.0.0.1:5432 (HYGIENE_TEST_PG_URL overrides). PostgreSQL tests skip with a message when no
 * server answers, except under .ci/run (HYGIENE_TEST_STRICT), where they must run.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { afterAll } from 'vitest'
import { openDatabase, type OpenedDb } from '../../src/collector/db/connect.js'
import { skipUnlessStrict } from './strict.js'
import { tempTree } from './temp-tree.js'

export const PG_URL = process.env.HYGIENE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

export const postgresReachable = await canReachPostgres()
if (!postgresReachable) {
  console.warn(`PostgreSQL tests skipped: nothing answers at ${PG_URL} (set HYGIENE_TEST_PG_URL, or start PostgreSQL)`)
}
/** describe.skipIf(noPostgres) for the PostgreSQL half of a suite. */
export const noPostgres = skipUnlessStrict(!postgresReachable)

export const DB_KINDS = ['sqlite', 'postgres'] as const
export type DbKind = (typeof DB_KINDS)[number]

const dropped: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(dropped.splice(0).map((drop) => drop()))
})

/** The URL of an empty database of that kind, dropped after the test file. */
export async function freshDatabaseUrl(kind: DbKind): Promise<string> {
  if (kind === 'sqlite') return `sqlite:${path.join(await tempTree(), 'collector.db')}`
  const name = `hygiene_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  dropped.push(async () => {
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.end()
  })
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** An opened, migrated database of that kind, closed after the test file. */
export async function freshDatabase(kind: DbKind): Promise<OpenedDb> {
  const opened = await openDatabase(await freshDatabaseUrl(kind))
  // Closed before the database is dropped (afterAll hooks run in reverse order of registration).
  afterAll(() => opened.db.destroy())
  return opened
}
