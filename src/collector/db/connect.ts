/**
 * Opens the collector database named by --db: `sqlite:PATH` (embedded, the default) or
 * `postgres://...` (several collector processes on one database), and migrates it.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Database as SqliteConnection, Statement } from 'better-sqlite3'
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig } from 'kysely'
import { HygieneError } from '../../core/errors.js'
import { migrate } from './migrations.js'
import type { Database, Db } from './schema.js'

export type DbKind = 'sqlite' | 'postgres'

export interface OpenedDb {
  db: Db
  kind: DbKind
  /** Where it is, without any password, for messages. */
  location: string
}

export async function openDatabase(url: string): Promise<OpenedDb> {
  let opened: OpenedDb
  if (url.startsWith('sqlite:')) opened = await openSqlite(url.slice('sqlite:'.length))
  else if (/^postgres(ql)?:\/\//.test(url)) opened = await openPostgres(url)
  else throw new HygieneError('collector.badDbUrl', { url: redact(url) })
  openedUrls.set(opened.db, url)
  try {
    await migrate(opened.db as never, opened.kind)
  } catch (error) {
    await opened.db.destroy()
    throw new HygieneError('collector.dbUnavailable', { db: opened.location, detail: messageOf(error) }, 3)
  }
  return opened
}

async function openSqlite(file: string): Promise<OpenedDb> {
  const target = file === ':memory:' ? file : path.resolve(file)
  const { default: SQLite } = await import('better-sqlite3')
  let database
  try {
    if (target !== ':memory:') await mkdir(path.dirname(target), { recursive: true })
    database = new SQLite(target)
  } catch (error) {
    throw new HygieneError('collector.dbUnavailable', { db: target, detail: messageOf(error) }, 3)
  }
  for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma)
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(database) }) })
  sqliteConnections.set(db, database)
  return { db, kind: 'sqlite', location: target }
}

/** Set on every connection to the file: the server's, and the ingest thread's (ingest/thread.ts). */
const SQLITE_PRAGMAS: readonly string[] = [
  // WAL: readers never block the writer. synchronous=NORMAL keeps every committed transaction
  // through a process kill (the WAL is in the OS cache); only a power cut can lose the last ones.
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  // Savepoints (one per report in a batch of the ingest thread) otherwise open a journal file each time.
  'temp_store = memory',
]

/**
 * Kysely's transactions take the write lock when they begin. Begun deferred, one that reads and then
 * writes fails at once (SQLITE_BUSY, no waiting) when the ingest thread holds the lock at its write
 * or has committed since its read, as happens under a stream of reports; begun immediate, it waits its turn.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

const sqliteConnections = new WeakMap<Db, SqliteConnection>()
const openedUrls = new WeakMap<Db, string>()

/** What openDatabase was given for this database, for another thread to open it too; never one in memory, which no other connection sees. */
export function databaseUrlOf(db: Db): string {
  const url = openedUrls.get(db)
  if (url === undefined || sqliteConnectionOf(db)?.memory) throw new HygieneError('collector.dbNotShareable')
  return url
}

/** The better-sqlite3 connection under a Kysely opened here over SQLite (undefined on PostgreSQL). */
export function sqliteConnectionOf(db: Db): SqliteConnection | undefined {
  return sqliteConnections.get(db)
}

const STATEMENT_CACHE_SIZE = 200

/**
 * Kysely prepares every query anew, and compiling SQL costs SQLite more than running a small
 * statement: each distinct SQL text is prepared once and reused (the collector has a few dozen).
 * A statement still being iterated is busy, so a second user of the same SQL gets its own.
 */
function reusingStatements(database: SqliteConnection): SqliteDatabase {
  const cache = new Map<string, Statement>()
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = cache.get(sql)
      if (cached && !cached.busy) return cached
      const statement = database.prepare(sql)
      // Oldest first: past the limit (queries built with lists of varying length), the oldest goes.
      if (!cached && cache.set(sql, statement).size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      return statement
    },
  }
}

async function openPostgres(url: string): Promise<OpenedDb> {
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 })
  // An idle client that loses its server (PostgreSQL restarted) must not crash the process.
  pool.on('error', () => {})
  // Nor one in use: the pool listens only to idle clients, and a client emits 'error' besides failing
  // its query. The query's failure answers the request (503); the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => {}))
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres', location: redact(url) }
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
