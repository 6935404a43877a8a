/** The server's report ingest path: the ingest thread (batches, group commit on SQLite, failures), and the device cache against revocation. */
import { mkdir, rm } from 'node:fs/promises'
import { statSync } from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { backgroundCheckpointer } from '../../src/collector/db/checkpointer.js'
import { databaseUrlOf, openDatabase, sqliteConnectionOf } from '../../src/collector/db/connect.js'
import type { Db } from '../../src/collector/db/schema.js'
import { BatchFailedError, ingestThread, type IngestAnswer, type ReportIngest } from '../../src/collector/ingest/client.js'
import type { WalLimits } from '../../src/collector/db/checkpointer.js'
import type { Submission } from '../../src/collector/ingest/protocol.js'
import { createEnrollCode, deviceByToken, enrollDevice, revokeDevice, type DeviceRecord } from '../../src/collector/store/enrollment.js'
import { recordIncident } from '../../src/collector/store/incidents.js'
import { addUnit } from '../../src/collector/store/units.js'
import type { Report } from '../../src/report/schema.js'
import { incidentBody } from '../helpers/channel.js'
import { startCollector, type RunningCollector } from '../helpers/collector.js'
import { DB_KINDS, freshDatabase, noPostgres } from '../helpers/databases.js'
import { builtinWeights, makeReport } from '../helpers/reports.js'
import { tempTree } from '../helpers/temp-tree.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const POISON = '00000000-0000-4000-8000-00000000dead'
const weights = [...(await builtinWeights())]

async function enrolledDevice(db: Db, unit: string, key: string): Promise<{ token: string; device: DeviceRecord }> {
  await addUnit(db, unit, `Đơn vị ${unit}`, NOW).catch(() => {})
  const { code } = await createEnrollCode(db, { unit, uses: 1, expiresAt: null }, NOW)
  const { token } = await enrollDevice(db, code, { deviceKey: key, hostname: `pc-${key}`, platform: 'linux', osName: 'Debian 13' }, NOW)
  return { token, device: (await deviceByToken(db, token))! }
}

function ingestOf(db: Db, walLimits?: WalLimits): ReportIngest {
  return ingestThread({ dbUrl: databaseUrlOf(db), rules: weights, ...(walLimits ? { walLimits } : {}) })
}

type Submitted = Omit<Submission, 'seq'> & { bytes: Buffer }

async function submissionFrom(device: DeviceRecord, changes: Partial<Report> & Record<string, unknown> = {}): Promise<Submitted> {
  const report = { ...(await makeReport()), ...changes }
  return { bytes: Buffer.from(JSON.stringify(report)), device, receivedAt: NOW.toISOString() }
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
      const ingest = ingestOf(db)
      const submission = await submissionFrom(device)
      let upload: Promise<IngestAnswer> | undefined
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('devices').set({ revoked_at: NOW.toISOString() }).where('id', '=', device.id).execute()
        // The upload starts while the revocation holds the device row (or SQLite's write lock).
        upload = ingest.submit(submission)
        await new Promise((resolve) => setTimeout(resolve, 200))
      })
      expect(await upload).toMatchObject({ status: 'revoked' })
      expect(await counts(db)).toEqual({ reports: 0, latest: 0, reported: 0 })
      await ingest.close()
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
      const ingest = ingestOf(db)
      const submission = await submissionFrom(device)
      const answers = await Promise.all([ingest.submit(submission), ingest.submit(submission)])
      expect(answers.map((answer) => answer.status).sort()).toEqual(['duplicate', 'stored'])
      expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
      await ingest.close()
    })

    it('answers each report of a batch on its own: stored, refused by the contract, not JSON, from a revoked PC', async () => {
      const { db } = await freshDatabase(kind)
      const pcs = await Promise.all(['a', 'b'].map((key) => enrolledDevice(db, 'UBND', key)))
      await revokeDevice(db, pcs[1]!.device.id, NOW)
      const ingest = ingestOf(db)
      const good = await submissionFrom(pcs[0]!.device)
      const answers = await Promise.all([
        ingest.submit(good),
        ingest.submit({ ...good, bytes: Buffer.from(JSON.stringify({ reportId: 'x' })) }),
        ingest.submit({ ...good, bytes: Buffer.from('{"reportId":') }),
        ingest.submit(await submissionFrom(pcs[1]!.device)),
      ])
      expect(answers).toMatchObject([
        { status: 'stored', reportId: JSON.parse(good.bytes.toString()).reportId },
        { status: 'refused', error: 'invalid_report', message: expect.stringContaining('reportId') },
        { status: 'refused', error: 'bad_request' },
        { status: 'revoked' },
      ])
      expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
      await ingest.close()
    })
  })
})

describe('the ingest thread on SQLite', () => {
  it('answers each report with its own outcome', async () => {
    const { db } = await freshDatabase('sqlite')
    const pcs = await Promise.all(['a', 'b', 'c'].map((key, i) => enrolledDevice(db, `UNIT-${i % 2}`, key)))
    await revokeDevice(db, pcs[2]!.device.id, NOW)
    const ingest = ingestOf(db)
    const submissions = await Promise.all(pcs.map(({ device }) => submissionFrom(device)))
    const answers = await Promise.all([...submissions, submissions[0]!].map((submission) => ingest.submit(submission)))
    expect(answers.map((answer) => answer.status)).toEqual(['stored', 'stored', 'revoked', 'duplicate'])
    expect(await counts(db)).toEqual({ reports: 2, latest: 2, reported: 2 })
    await ingest.close()
  })

  it('answers 503 to every report of a batch whose commit fails, and stores none of them', async () => {
    const collector = await startCollector('sqlite')
    const { db } = collector.deps
    const pcs = await Promise.all(['a', 'b'].map((key) => enrolledDevice(db, 'UBND', key)))
    // A deferred foreign key is checked only at COMMIT: the poisoned report makes the commit itself fail.
    await sql`create table poison (unit_code text references units (code) deferrable initially deferred)`.execute(db)
    await sql.raw(`create trigger poison_report after insert on reports when NEW.report_id = '${POISON}' begin insert into poison values ('NO-SUCH-UNIT'); end`).execute(db)

    const ingest = ingestOf(db)
    const batch = [await submissionFrom(pcs[0]!.device), await submissionFrom(pcs[1]!.device, { reportId: POISON })]
    // While the thread stores a first report, the next two wait, and go to it together.
    const first = ingest.submit(await submissionFrom(pcs[0]!.device))
    const outcomes = await Promise.allSettled(batch.map((submission) => ingest.submit(submission)))
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && outcome.reason instanceof BatchFailedError)).toEqual([true, true])
    expect(await first).toMatchObject({ status: 'stored' })
    expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
    await ingest.close()

    const report = { ...(await makeReport()), reportId: POISON }
    const answer = await upload(collector, pcs[1]!.token, report)
    expect(answer).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'unavailable' } })
    expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
    // The thread's connection is usable again: the transaction was rolled back, not left open.
    await sql`drop trigger poison_report`.execute(db)
    expect(await upload(collector, pcs[1]!.token, report)).toMatchObject({ status: 202, body: { status: 'stored' } })
  })

  it('undoes a report that fails on its own and commits the rest of its batch', async () => {
    const { db } = await freshDatabase('sqlite')
    const pcs = await Promise.all(['a', 'b'].map((key) => enrolledDevice(db, 'UBND', key)))
    await sql.raw(`create trigger refuse_report before insert on reports when NEW.report_id = '${POISON}' begin select raise(abort, 'refused'); end`).execute(db)
    const ingest = ingestOf(db)
    const batch = [await submissionFrom(pcs[0]!.device), await submissionFrom(pcs[1]!.device, { reportId: POISON })]
    const answers = await Promise.all(batch.map((submission) => ingest.submit(submission)))
    expect(answers).toMatchObject([{ status: 'stored' }, { status: 'failed', error: { message: 'refused', code: 'SQLITE_CONSTRAINT_TRIGGER' } }])
    expect(await counts(db)).toEqual({ reports: 1, latest: 1, reported: 1 })
    await ingest.close()
  })

  it('waits in its own thread for a write lock held elsewhere, while the event loop goes on', async () => {
    const { db } = await freshDatabase('sqlite')
    const { device } = await enrolledDevice(db, 'UBND', 'a')
    const ingest = ingestOf(db)
    // Another process (a backup tool, `sqlite3` by hand) holds the write lock for a moment.
    const other = new SQLite(sqliteConnectionOf(db)!.name)
    other.exec('begin immediate')
    let settled = false
    const answered = ingest.submit(await submissionFrom(device)).finally(() => (settled = true))
    // A timer fires meanwhile: the event loop is not the one waiting (SQLite's busy wait sleeps its thread).
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(settled).toBe(false)
    other.exec('commit')
    other.close()
    expect(await answered).toMatchObject({ status: 'stored' })
    await ingest.close()
  })

  it('lets a transaction of the server that reads, then writes (an incident), wait its turn during a stream of reports', async () => {
    const { db } = await freshDatabase('sqlite')
    const { device } = await enrolledDevice(db, 'UBND', 'a')
    const ingest = ingestOf(db)
    let streaming = true
    const stream = (async () => {
      for (let batch = 0; batch < 60; batch++) await Promise.all(Array.from({ length: 5 }, async () => ingest.submit(await submissionFrom(device))))
      streaming = false
    })()
    // Begun deferred, such a transaction fails (SQLITE_BUSY, no waiting) when the ingest thread holds the
    // write lock at its write, or has committed since its read.
    let filed = 0
    while (streaming) {
      expect(await recordIncident(db, device, incidentBody(), NOW)).toMatchObject({ reference: expect.any(String) })
      filed++
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    await stream
    expect(filed).toBeGreaterThan(10)
    const stored = await db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(stored.n)).toBe(filed)
    await ingest.close()
  })

  it('answers the reports handed over just before it closes', async () => {
    const { db } = await freshDatabase('sqlite')
    const { device } = await enrolledDevice(db, 'UBND', 'a')
    const ingest = ingestOf(db)
    const answered = Promise.all([ingest.submit(await submissionFrom(device)), ingest.submit(await submissionFrom(device))])
    await ingest.close()
    expect((await answered).map((answer) => answer.status)).toEqual(['stored', 'stored'])
    expect(await counts(db)).toMatchObject({ reports: 2 })
  })

  it('refuses as unavailable what a failed thread held, and starts a new one for the next report', async () => {
    const file = path.join(await tempTree(), 'later.db')
    // A folder where the database file should be: the thread cannot open it, and ends.
    await mkdir(file)
    const ingest = ingestThread({ dbUrl: `sqlite:${file}`, rules: weights })
    const stranger: DeviceRecord = { id: 'no-such-device', unitCode: 'UBND', hostname: 'pc-a', revoked: false }
    await expect(ingest.submit(await submissionFrom(stranger))).rejects.toBeInstanceOf(BatchFailedError)
    await rm(file, { recursive: true })
    const { db } = await openDatabase(`sqlite:${file}`)
    const { device } = await enrolledDevice(db, 'UBND', 'a')
    expect(await ingest.submit(await submissionFrom(device))).toMatchObject({ status: 'stored' })
    await ingest.close()
    await db.destroy()
  })

  it('keeps the WAL within its limit under a steady stream of reports', async () => {
    const { db } = await freshDatabase('sqlite')
    const { device } = await enrolledDevice(db, 'UBND', 'a')
    const ingest = ingestOf(db, { frames: 10, commits: 4 })
    const padding = 'x'.repeat(20_000)
    // 200 reports of 20 KB in batches of 2, 4 MB in all: a WAL never started over would hold them all.
    for (let i = 0; i < 100; i++) await Promise.all([ingest.submit(await submissionFrom(device, { padding })), ingest.submit(await submissionFrom(device, { padding }))])
    expect(await counts(db)).toMatchObject({ reports: 200 })
    expect(statSync(`${sqliteConnectionOf(db)!.name}-wal`).size).toBeLessThan(1_000_000)
    await ingest.close()
  })
})

describe('background checkpoints', () => {
  it('checkpoint the WAL into the database file from a thread of their own, and hand checkpoints back to the connection on close', async () => {
    const { db } = await freshDatabase('sqlite')
    const connection = sqliteConnectionOf(db)!
    const checkpointer = backgroundCheckpointer(connection)!
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    connection.exec('create table scratch (body text)')
    const before = statSync(connection.name).size
    const insert = connection.prepare('insert into scratch values (?)')
    for (let i = 0; i < 5; i++) {
      await checkpointer.settled()
      insert.run('x'.repeat(20_000))
      checkpointer.committed()
    }
    await expect.poll(() => statSync(connection.name).size, { timeout: 5_000 }).toBeGreaterThan(before)
    await checkpointer.close()
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  })
})
