/**
 * Versioned schema migrations, run on every start (and by every admin command). Names sort in
 * order; a migration is never edited once released: a change is a new one.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { DbKind } from './connect.js'

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

// Per-unit totals of active devices and of their latest reports, kept by triggers so that every
// writer keeps them right: the units table reads 1,000 units' totals instead of 100,000 devices.
const TOTALS_ROW = `insert into unit_totals (unit_code, devices, reported, score_sum, critical_failures)`
const DEVICE_ADD = `${TOTALS_ROW} values (NEW.unit_code, 1, 0, 0, 0)
  on conflict (unit_code) do update set devices = unit_totals.devices + 1`
const DEVICE_REMOVE = `update unit_totals set devices = devices - 1 where unit_code = OLD.unit_code`
const LATEST_ADD = `${TOTALS_ROW} values (NEW.unit_code, 0, 1, NEW.score, NEW.critical_failures)
  on conflict (unit_code) do update set reported = unit_totals.reported + 1,
    score_sum = unit_totals.score_sum + excluded.score_sum, critical_failures = unit_totals.critical_failures + excluded.critical_failures`
const LATEST_REMOVE = `update unit_totals set reported = reported - 1, score_sum = score_sum - OLD.score,
  critical_failures = critical_failures - OLD.critical_failures where unit_code = OLD.unit_code`
const FAILURE_ADD = `insert into unit_failures (unit_code, rule_id, devices) values (NEW.unit_code, NEW.rule_id, 1)
  on conflict (unit_code, rule_id) do update set devices = unit_failures.devices + 1`
const FAILURE_REMOVE = `update unit_failures set devices = devices - 1 where unit_code = OLD.unit_code and rule_id = OLD.rule_id`

/**
 * The same statements, as SQLite triggers or as PostgreSQL trigger functions. A device counts
 * while not revoked (devices are never deleted, and a revoked one enrolls again as a new device).
 */
function totalsTriggers(kind: DbKind): string[] {
  if (kind === 'sqlite') {
    return [
      `create trigger device_added after insert on devices when NEW.revoked_at is null begin ${DEVICE_ADD}; end`,
      `create trigger device_revoked after update of revoked_at on devices when OLD.revoked_at is null and NEW.revoked_at is not null begin ${DEVICE_REMOVE}; end`,
      `create trigger device_latest_added after insert on device_latest begin ${LATEST_ADD}; end`,
      `create trigger device_latest_moved after update on device_latest begin ${LATEST_REMOVE}; ${LATEST_ADD}; end`,
      `create trigger device_latest_removed after delete on device_latest begin ${LATEST_REMOVE}; end`,
      `create trigger device_failure_added after insert on device_failures begin ${FAILURE_ADD}; end`,
      `create trigger device_failure_changed after update on device_failures begin ${FAILURE_REMOVE}; ${FAILURE_ADD}; end`,
      `create trigger device_failure_removed after delete on device_failures begin ${FAILURE_REMOVE}; end`,
    ]
  }
  const pgTrigger = (table: string, name: string, remove: string, add: string, oldCounts = 'true', newCounts = 'true') => [
    `create function ${name}() returns trigger language plpgsql as $$ begin
      if tg_op <> 'INSERT' and ${oldCounts} then ${remove}; end if;
      if tg_op <> 'DELETE' and ${newCounts} then ${add}; end if;
      return null;
    end $$`,
    `create trigger ${name} after insert or update or delete on ${table} for each row execute function ${name}()`,
  ]
  return [
    ...pgTrigger('devices', 'device_totals', DEVICE_REMOVE, DEVICE_ADD, 'OLD.revoked_at is null', 'NEW.revoked_at is null'),
    ...pgTrigger('device_latest', 'device_latest_totals', LATEST_REMOVE, LATEST_ADD),
    ...pgTrigger('device_failures', 'device_failure_totals', FAILURE_REMOVE, FAILURE_ADD),
  ]
}

const unitTotals = (kind: DbKind): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('unit_totals')
      .addColumn('unit_code', 'text', (c) => c.primaryKey())
      .addColumn('devices', 'integer', (c) => c.notNull())
      .addColumn('reported', 'integer', (c) => c.notNull())
      .addColumn('score_sum', 'integer', (c) => c.notNull())
      .addColumn('critical_failures', 'integer', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('unit_failures')
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('devices', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('unit_failures_pk', ['unit_code', 'rule_id'])
      .execute()
    await sql`${sql.raw(TOTALS_ROW)} select code,
        (select count(*) from devices d where d.unit_code = u.code and d.revoked_at is null),
        (select count(*) from device_latest l where l.unit_code = u.code),
        coalesce((select sum(score) from device_latest l where l.unit_code = u.code), 0),
        coalesce((select sum(critical_failures) from device_latest l where l.unit_code = u.code), 0)
      from units u`.execute(db)
    await sql`insert into unit_failures (unit_code, rule_id, devices)
      select unit_code, rule_id, count(*) from device_failures group by unit_code, rule_id`.execute(db)
    for (const statement of totalsTriggers(kind)) await sql.raw(statement).execute(db)
    // The units table reads the latest reports by age, to take out those older than 7 and 30 days.
    await db.schema.dropIndex('device_latest_unit').execute()
    await db.schema.createIndex('device_latest_time').on('device_latest').columns(['generated_at', 'unit_code', 'score', 'critical_failures']).execute()
  },
})

/** Advisories to the PCs and incidents from them; incidents live apart from reports, so retention never prunes them. */
const channel = (kind: DbKind): Migration => ({
  async up(db: Kysely<unknown>) {
    // SQLite numbers an integer primary key by itself; PostgreSQL needs a sequence.
    const serial = kind === 'sqlite' ? 'integer' : 'serial'
    await db.schema
      .createTable('advisories')
      .addColumn('id', serial, (c) => c.primaryKey())
      .addColumn('title_vi', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text')
      .addColumn('body_vi', 'text', (c) => c.notNull())
      .addColumn('body_en', 'text')
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('all_units', 'integer', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('withdrawn_at', 'text')
      .execute()
    await db.schema
      .createTable('advisory_units')
      .addColumn('advisory_id', 'integer', (c) => c.notNull().references('advisories.id'))
      .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
      .addPrimaryKeyConstraint('advisory_units_pk', ['advisory_id', 'unit_code'])
      .execute()
    await db.schema
      .createTable('incidents')
      .addColumn('incident_id', 'text', (c) => c.primaryKey())
      .addColumn('reference', 'text', (c) => c.notNull().unique())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('unit_code', 'text', (c) => c.notNull())
      .addColumn('hostname', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('money_given', 'integer', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('incidents_unit_time').on('incidents').columns(['unit_code', 'received_at']).execute()
    await db.schema
      .createTable('incident_events')
      .addColumn('id', serial, (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.incident_id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text', (c) => c.notNull())
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .execute()
    await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'at']).execute()
  },
})

function migrations(kind: DbKind): Record<string, Migration> {
  return {
    '2026-11-29-001-initial': initial,
    '2026-11-29-002-unit-totals': unitTotals(kind),
    '2026-11-29-003-channel': channel(kind),
  }
}

/** Brings the database to the newest schema. Kysely's migrator locks, so collectors may start at once. */
export async function migrate(db: Kysely<unknown>, kind: DbKind): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(kind) }
  const { error } = await new Migrator({ db, provider }).migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
}
