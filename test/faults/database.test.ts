/** The collector's database taken away under load (SQLite locked, PostgreSQL connections cut): 503 and Retry-After, recovery, no acknowledged report lost. */
import type { Database as SqliteConnection } from 'better-sqlite3'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { sqliteConnectionOf } from '../../src/collector/db/connect.js'
import type { Db } from '../../src/collector/db/schema.js'
import { createEnrollCode, enrollDevice } from '../../src/collector/store/enrollment.js'
import { addUnit } from '../../src/collector/store/units.js'
import type { Report } from '../../src/report/schema.js'
import { startCollector, type RunningCollector } from '../helpers/collector.js'
import { noPostgres, PG_URL } from '../helpers/databases.js'
import { makeReport } from '../helpers/reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')

async function enrolledTokens(db: Db, count: number): Promise<string[]> {
  await addUnit(db, 'UB-01', 'UBND phường', NOW)
  const { code } = await createEnrollCode(db, { unit: 'UB-01', uses: count, expiresAt: null }, NOW)
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    const { token } = await enrollDevice(db, code, { deviceKey: `pc-${i}`, hostname: `pc-${i}`, platform: 'linux', osName: 'Debian 12' }, NOW)
    tokens.push(token)
  }
  return tokens
}

interface Answer {
  status: number
  retryAfter: string | null
  error: string | null
}

async function post(collector: RunningCollector, token: string, report: Report): Promise<Answer> {
  const response = await fetch(`${collector.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(report),
  })
  const body = (await response.json()) as { error?: string }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), error: body.error ?? null }
}

async function storedIds(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('reports').select('report_id').execute()).map((row) => row.report_id))
}

/** Sends again, as the agent's spool does, until the collector acknowledges it. */
async function deliverEventually(collector: RunningCollector, token: string, report: Report): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await post(collector, token, report)).status === 202) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`report ${report.reportId} was never acknowledged`)
}

describe('SQLite locked by another connection', () => {
  it('answers 503 with Retry-After while the lock is held, accepts again once it is released, loses nothing', async () => {
    const collector = await startCollector('sqlite')
    const { db } = collector.deps
    const [token] = await enrolledTokens(db, 1)
    const early = await makeReport()
    expect((await post(collector, token!, early)).status).toBe(202)

    // Another process (a backup tool, `sqlite3` by hand) holds the write lock.
    const other: SqliteConnection = new SQLite(sqliteConnectionOf(db)!.name)
    other.exec('begin immediate')
    const blocked = await makeReport()
    const answer = await post(collector, token!, blocked)
    expect(answer).toEqual({ status: 503, retryAfter: '5', error: 'unavailable' })
    other.exec('rollback')
    other.close()

    const late = await makeReport()
    expect((await post(collector, token!, late)).status).toBe(202)
    await deliverEventually(collector, token!, blocked)
    const stored = await storedIds(db)
    expect([early, blocked, late].every((report) => stored.has(report.reportId))).toBe(true)
  }, 60_000)
})

describe.skipIf(noPostgres)('PostgreSQL connections cut under load', () => {
  it('answers 503 (never 500) while its connections are cut, recovers, and stores every report it acknowledged', async () => {
    // Rate limits off: the load is a few PCs sending as fast as they can.
    const collector = await startCollector('postgres', { limits: { perDevicePerMinute: 1_000_000, perIpPerMinute: 1_000_000 } })
    const { db } = collector.deps
    const tokens = await enrolledTokens(db, 4)
    const database = ((await db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow()).name)
    const killer = new pg.Client({ connectionString: PG_URL })
    await killer.connect()

    const acknowledged: string[] = []
    const refused: Array<{ token: string; report: Report }> = []
    const statuses = new Set<number>()
    let cuts = 0
    let loading = true
    const agent = async (token: string) => {
      while (loading) {
        const report = await makeReport()
        const answer = await post(collector, token, report)
        statuses.add(answer.status)
        if (answer.status === 202) acknowledged.push(report.reportId)
        else {
          expect(answer).toMatchObject({ status: 503, retryAfter: '5' })
          refused.push({ token, report })
        }
      }
    }
    // pg_terminate_backend stands in for a restart: the shared server itself is not restarted.
    const restarts = async () => {
      // A restart ends every backend of the collector's database, again and again while reports flow.
      for (let round = 0; round < 10; round++) {
        await new Promise((resolve) => setTimeout(resolve, 150))
        const result = await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database])
        cuts += result.rowCount ?? 0
      }
      loading = false
    }
    await Promise.all([...tokens.map(agent), restarts()])
    await killer.end()

    expect(cuts).toBeGreaterThan(0)
    expect([...statuses].every((status) => status === 202 || status === 503)).toBe(true)
    // Recovered: every PC is answered again, and what was refused goes through when sent again.
    for (const token of tokens) expect((await post(collector, token, await makeReport())).status).toBe(202)
    for (const { token, report } of refused) await deliverEventually(collector, token, report)
    const stored = await storedIds(db)
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
    expect(refused.filter(({ report }) => !stored.has(report.reportId))).toEqual([])
  }, 120_000)
})
