/**
 * Versioned schema migrations, run on every start (and by every admin command). Names sort in
 * order; a migration is never edited once released: a change is a new one.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('units')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('enroll_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
      .addColumn('uses_left', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('device_key', 'text', (c) => c.notNull())
      .addColumn('hostname', 'text', (c) => c.notNull())
      .addColumn('os_platform', 'text', (c) => c.notNull())
      .addColumn('os_name', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema.createIndex('devices_unit').on('devices').column('unit_code').execute()
    await db.schema
      .createTable('reports')
      .addColumn('report_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('generated_at', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('claimed_score', 'integer', (c) => c.notNull())
      .addColumn('score_mismatch', 'integer', (c) => c.notNull())
      .addColumn('score_version', 'integer', (c) => c.notNull())
      .addColumn('coverage', 'real', (c) => c.notNull())
      .addColumn('critical_failures', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('reports_device_time').on('reports').columns(['device_id', 'generated_at']).execute()
    await db.schema.createIndex('reports_unit_time').on('reports').columns(['unit_code', 'generated_at']).execute()
    await db.schema
      .createTable('device_latest')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('report_id', 'text', (c) => c.notNull())
      .addColumn('generated_at', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('coverage', 'real', (c) => c.notNull())
      .addColumn('critical_failures', 'integer', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('device_latest_unit').on('device_latest').columns(['unit_code', 'generated_at']).execute()
    await db.schema
      .createTable('device_failures')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('generated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_failures_pk', ['device_id', 'rule_id'])
      .execute()
    await db.schema
      .createIndex('device_failures_unit')
      .on('device_failures')
      .columns(['generated_at', 'unit_code', 'rule_id'])
      .execute()
    await db.schema
      .createTable('users')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('unit_code', 'text', (c) => c.references('units.code'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull().references('users.name'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('api_keys')
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_name', 'text', (c) => c.notNull().references('users.name'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute()
  },
}

export const MIGRATIONS: Record<string, Migration> = { '2026-11-29-001-initial': initial }

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

/** Brings the database to the newest schema. Kysely's migrator locks, so collectors may start at once. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
}
