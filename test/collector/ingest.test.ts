/** The server's report ingest path: the device cache against revocation, and group commit on SQLite. */
import { statSync } from 'node:fs'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { backgroundCheckpointer } from '../../src/collector/db/checkpointer.js'
import { sqliteConnectionOf } from '../../src/collector/db/connect.js'
import type { Db } from '../../src/collector/db/schema.js'
import { rescore } from '../../src/collector/rescore.js'
import { createEnrollCode, deviceByToken, enrollDevice, revokeDevice, type DeviceRecord } from '../../src/collector/store/enrollment.js'
import { reportWriter, type IngestRequest } from '../../src/collector/store/ingest.js'
import { BatchFailedError } from '../../src/collector/store/ingest-sqlite.js'
import { addUnit } from '../../src/collector/store/units.js'
import { startCollector, type RunningCollector } from '../helpers/collector.js'
import { DB_KINDS, freshDatabase, noPostgres } from '../helpers/databases.js'
import { builtinWeights, makeReport } from '../helpers/reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const POISON = '00000000-0000-4000-8000-00000000dead'

async function enrolledDevice(db: Db, unit: string, key: string): Promise<{ token: string; device: DeviceRecord }> {
  await addUnit(db, unit, `Đơn vị ${unit}`, NOW).catch(() => {})
  const { code } = await createEnrollCode(db, { unit, uses: 1, expiresAt: null }, NOW)
  const { token } = await enrollDevice(db, code, { deviceKey: key, hostname: `pc-${key}`, platform: 'linux', osName: 'Debian 13' }, NOW)
  return { token, device: (await deviceByToken(db, token))! }
}

async function ingestRequest(device: DeviceRecord, reportId?: string): Promise<IngestRequest> {
  const report = { ...(await makeReport()), ...(reportId ? { reportId } : {}) }
  return { device, report, rescored: rescore(report, await builtinWeights()), receivedAt: NOW, body: JSON.stringify(report) }
}

async function upload(collector: RunningCollector, token: string, report: unknown) {
  const response = await fetch(`${collector.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(report),
  })
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> }
}

async function counts(db: Db) {
  const [reports, latest, totals] = await Promise.all([
    db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('device_latest').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('unit_totals').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('reported'), sql<number>`0`).as('n')).executeTakeFirstOrThrow(),
  ])
  return { reports: Number(reports.n), latest: Number(latest.n), reported: Number(totals.n) }
}

describe.each(DB_KINDS)('report ingest on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    it('refuses a revoked device even while its token is cached, and stores nothing from it', async () => {
      const collector = await startCollector(kind)
      const { db } = collector.deps
      const { token, device } = await enrolledDevice(db, 'UBND', 'a')
      expect((await upload(collector, token, await makeReport())).status).toBe(202)
      // Revoked as `hygiene collector device revoke` does it, from another process: the server is not told.
      await revokeDevice(db, device.id, NOW)
      const refused = await upload(collector, token, await makeReport())
      expect(refused).toMatchObject({ status: 401, body: { error: 'revoked' } })
      expect(await counts(db)).toEqual({ reports: 1, latest: 0, reported: 0 })
      // Forgotten by the cache: the next try is refused by the lookup itself.
      expect((await upload(collector, token, await makeReport())).body).toMatchObject({ error: 'revoked' })
    })

    it('refuses an upload that races a revocation, whichever commits first', async () => {
      const { db } = await freshDatabase(kind)
      const { device } = await enrolledDevice(db, 'UBND', 'a')
      const writer = reportWriter(db)
      const request = await ingestRequest(device)
      let upload: Promise<string> | undefined
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('devices').set({ revoked_at: NOW.toISOString() }).where('id', '=', device.id).execute()
        // The upload starts while the revocation holds the device row (or SQLite's one connection).
        upload = writer.write(request)
        await new Promise((resolve) => setTimeout(resolve, 200))
      })
      expect(await upload).toBe('revoked')
      expect(await counts(db)).toEqual({ reports: 0, latest: 0, reported: 0 })
      await writer.close()
    })

    it('stores the body as the text received, and text that was not UTF-8 as it was read', async () => {
      const collector = await startCollector(kind)
      const { db } = collector.deps
      const { token } = await enrolledDevice(db, 'UBND', 'a')
      const sent = async (payload: Buffer) => {
        const response = await fetch(`${collector.url}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: payload })
        expect(response.status).toBe(202)
        const { reportId } = (await response.json()) as { reportId: string }
        const [type, length] = kind === 'sqlite' ? ['typeof(body)', 'length(cast(body as blob))'] : ['pg_typeof(body)::text', 'octet_length(body)']
        const row = await db
          .selectFrom('reports')
          .select(['body', sql<string>`${sql.raw(type)}`.as('type'), sql<number>`${sql.raw(length)}`.as('bytes')])
          .where('report_id', '=', reportId)
          .executeTakeFirstOrThrow()
        return { ...row, bytes: Number(row.bytes) }
      }
      const stored = (text: string) => ({ body: text, type: 'text', bytes: Buffer.byteLength(text) })
      const text = JSON.stringify({ ...(await makeReport()), unit: { code: 'UBND', name: 'Ủy ban nhân dân phường' } })
      expect(await sent(Buffer.from(text))).toEqual(stored(text))
      const broken = Buffer.from(JSON.stringify({ ...(await makeReport()), unit: { code: 'UBND', name: 'Ủy ban @' } }))
      broken[broken.indexOf('@')] = 0xff
      expect(await sent(broken)).toEqual(stored(broken.toString('utf8')))
    })

    it('counts a report sent twice at the same moment once', async () => {
      const { db } = await freshDatabase(kind)
      const { device } = await enrolledDevice(db, 'UBND', 'a')
      const writer = reportWriter(db)
      const request = await ingestRequest(device)
      const outcomes = await Promise.all([writer.write(request), writer.write(request)])
      expect(outcomes.sort()).toEqual(['duplicate', 'stored'])
      expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
      await writer.close()
    })
  })
})

describe('group commit on SQLite', () => {
  it('writes the reports that arrive together in one transaction, each with its own outcome', async () => {
    const { db } = await freshDatabase('sqlite')
    const pcs = await Promise.all(['a', 'b', 'c'].map((key, i) => enrolledDevice(db, `UNIT-${i % 2}`, key)))
    await revokeDevice(db, pcs[2]!.device.id, NOW)
    const writer = reportWriter(db)
    const requests = await Promise.all(pcs.map(({ device }) => ingestRequest(device)))
    const again = await ingestRequest(pcs[0]!.device, requests[0]!.report.reportId)
    expect(await Promise.all([...requests, again].map((request) => writer.write(request)))).toEqual(['stored', 'stored', 'revoked', 'duplicate'])
    expect(await counts(db)).toEqual({ reports: 2, latest: 2, reported: 2 })
    await writer.close()
  })

  it('answers 503 to every report of a batch whose commit fails, and stores none of them', async () => {
    const collector = await startCollector('sqlite')
    const { db } = collector.deps
    const pcs = await Promise.all(['a', 'b'].map((key) => enrolledDevice(db, 'UBND', key)))
    // A deferred foreign key is checked only at COMMIT: the poisoned report makes the commit itself fail.
    await sql`create table poison (unit_code text references units (code) deferrable initially deferred)`.execute(db)
    await sql.raw(`create trigger poison_report after insert on reports when NEW.report_id = '${POISON}' begin insert into poison values ('NO-SUCH-UNIT'); end`).execute(db)

    const writer = reportWriter(db)
    const batch = [await ingestRequest(pcs[0]!.device), await ingestRequest(pcs[1]!.device, POISON)]
    const outcomes = await Promise.allSettled(batch.map((request) => writer.write(request)))
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && outcome.reason instanceof BatchFailedError)).toEqual([true, true])
    expect(await counts(db)).toEqual({ reports: 0, latest: 0, reported: 0 })
    await writer.close()

    const report = { ...(await makeReport()), reportId: POISON }
    const answer = await upload(collector, pcs[1]!.token, report)
    expect(answer).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'unavailable' } })
    expect(await counts(db)).toEqual({ reports: 0, latest: 0, reported: 0 })
    // The connection is usable again: the transaction was rolled back, not left open.
    await sql`drop trigger poison_report`.execute(db)
    expect(await upload(collector, pcs[1]!.token, report)).toMatchObject({ status: 202, body: { status: 'stored' } })
  })

  it('undoes a report that fails on its own and commits the rest of its batch', async () => {
    const { db } = await freshDatabase('sqlite')
    const pcs = await Promise.all(['a', 'b'].map((key) => enrolledDevice(db, 'UBND', key)))
    await sql.raw(`create trigger refuse_report before insert on reports when NEW.report_id = '${POISON}' begin select raise(abort, 'refused'); end`).execute(db)
    const writer = reportWriter(db)
    const batch = [await ingestRequest(pcs[0]!.device), await ingestRequest(pcs[1]!.device, POISON)]
    const [good, bad] = await Promise.allSettled(batch.map((request) => writer.write(request)))
    expect(good).toEqual({ status: 'fulfilled', value: 'stored' })
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'refused' } })
    expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
    await writer.close()
  })

  it('checkpoints the WAL into the database file off the event loop, and hands checkpoints back on close', async () => {
    const { db } = await freshDatabase('sqlite')
    const connection = sqliteConnectionOf(db)!
    const { device } = await enrolledDevice(db, 'UBND', 'a')
    const writer = reportWriter(db)
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const before = statSync(connection.name).size
    for (let i = 0; i < 5; i++) await writer.write(await ingestRequest(device))
    await expect.poll(() => statSync(connection.name).size, { timeout: 5_000 }).toBeGreaterThan(before)
    await writer.close()
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  })

  it('keeps the WAL within its limit under a steady stream of commits', async () => {
    const { db } = await freshDatabase('sqlite')
    const connection = sqliteConnectionOf(db)!
    const checkpointer = backgroundCheckpointer(connection, { frames: 10, commits: 4 })!
    connection.exec('create table scratch (body text)')
    const insert = connection.prepare('insert into scratch values (?)')
    // 200 transactions of 20 KB, 4 MB in all: a WAL never started over would hold them all.
    for (let i = 0; i < 200; i++) {
      await checkpointer.settled()
      insert.run('x'.repeat(20_000))
      checkpointer.committed()
    }
    await checkpointer.close()
    expect(statSync(`${connection.name}-wal`).size).toBeLessThan(1_000_000)
  })
})
