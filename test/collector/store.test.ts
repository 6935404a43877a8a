/** The collector's data layer, the same suite on SQLite and on PostgreSQL. */
import { describe, expect, it } from 'vitest'
import { enrollDevice, createEnrollCode, deviceByToken, revokeDevice } from '../../src/collector/store/enrollment.js'
import { ingestReport, pruneReports } from '../../src/collector/store/reports.js'
import { unitTable } from '../../src/collector/store/unit-table.js'
import { addUnit, listUnits } from '../../src/collector/store/units.js'
import { addUser, authenticate, createApiKey, createSession, sessionById, userByApiKey } from '../../src/collector/store/users.js'
import { rescore } from '../../src/collector/rescore.js'
import { DB_KINDS, freshDatabase, noPostgres } from '../helpers/databases.js'
import { account, accountsFacts, backupFacts } from '../helpers/facts.js'
import { builtinWeights, makeReport } from '../helpers/reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const device = (key = 'k1', hostname = 'pc-01') => ({ deviceKey: key, hostname, platform: 'linux', osName: 'Debian 13' })

describe.each(DB_KINDS)('collector store on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    it('adds units and refuses a duplicate or a bad code', async () => {
      const { db } = await freshDatabase(kind)
      await addUnit(db, 'thcs-01', 'Trường THCS Mường Lay', NOW)
      await expect(addUnit(db, 'THCS-01', 'again', NOW)).rejects.toMatchObject({ code: 'unitExists' })
      await expect(addUnit(db, 'bad code!', 'x', NOW)).rejects.toMatchObject({ code: 'badUnitCode' })
      expect(await listUnits(db)).toEqual([{ code: 'THCS-01', name: 'Trường THCS Mường Lay', createdAt: NOW.toISOString() }])
    })

    it('enrolls with a code as many times as it allows, not after it expires', async () => {
      const { db } = await freshDatabase(kind)
      await addUnit(db, 'UBND', 'UBND phường', NOW)
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 2, expiresAt: new Date('2026-12-06T00:00:00Z') }, NOW)
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      const first = await enrollDevice(db, code.toLowerCase().replace(/-/g, ' '), device('a'), NOW)
      expect(first).toMatchObject({ unit: 'UBND', deviceId: expect.any(String) })
      expect(first.token.length).toBeGreaterThanOrEqual(43)
      await enrollDevice(db, code, device('b'), NOW)
      await expect(enrollDevice(db, code, device('c'), NOW)).rejects.toMatchObject({ code: 'badEnrollCode' })
      const { code: late } = await createEnrollCode(db, { unit: 'UBND', uses: 5, expiresAt: new Date('2026-11-30T00:00:00Z') }, NOW)
      await expect(enrollDevice(db, late, device('d'), new Date('2026-12-01T00:00:00Z'))).rejects.toMatchObject({ code: 'badEnrollCode' })
      await expect(createEnrollCode(db, { unit: 'NOPE', uses: 1, expiresAt: null }, NOW)).rejects.toMatchObject({ code: 'unknownUnit' })
    })

    it('lets only one of many simultaneous enrollments take the last use of a code', async () => {
      const { db } = await freshDatabase(kind)
      await addUnit(db, 'UBND', 'UBND phường', NOW)
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => enrollDevice(db, code, device(`k${i}`), NOW)))
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    })

    it('finds a device by its token, stored only as a hash, and revokes it', async () => {
      const opened = await freshDatabase(kind)
      const { db } = opened
      await addUnit(db, 'CA', 'Công an phường', NOW)
      const { code } = await createEnrollCode(db, { unit: 'CA', uses: 1, expiresAt: null }, NOW)
      const enrolled = await enrollDevice(db, code, device(), NOW)
      const stored = await db.selectFrom('devices').selectAll().executeTakeFirstOrThrow()
      expect(JSON.stringify(stored)).not.toContain(enrolled.token)
      expect(await deviceByToken(db, enrolled.token)).toMatchObject({ id: enrolled.deviceId, unitCode: 'CA', revoked: false })
      expect(await deviceByToken(db, 'not-a-token')).toBeNull()
      await revokeDevice(db, enrolled.deviceId, NOW)
      expect(await deviceByToken(db, enrolled.token)).toMatchObject({ revoked: true })
      await expect(revokeDevice(db, enrolled.deviceId, NOW)).rejects.toMatchObject({ code: 'unknownDevice' })
    })

    it('stores a report once, rescored, and compiles the unit table', async () => {
      const { db } = await freshDatabase(kind)
      const weights = await builtinWeights()
      await addUnit(db, 'THCS-01', 'Trường THCS', NOW)
      await addUnit(db, 'BAN-NA', 'Bản Na', NOW)
      const { code } = await createEnrollCode(db, { unit: 'THCS-01', uses: 3, expiresAt: null }, NOW)
      const a = await deviceByToken(db, (await enrollDevice(db, code, device('a', 'pc-a'), NOW)).token)
      const b = await deviceByToken(db, (await enrollDevice(db, code, device('b', 'pc-b'), NOW)).token)
      await enrollDevice(db, code, device('c', 'pc-c'), NOW) // never reports: stale

      const healthy = await makeReport({ generatedAt: '2026-11-28T01:00:00.000Z' })
      const poor = await makeReport({
        generatedAt: '2026-11-20T01:00:00.000Z',
        facts: {
          accounts: accountsFacts([account({ name: 'bob', hasPassword: false, emptyPassword: true })]),
          backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null }),
        },
      })
      expect(await ingestReport(db, a!, healthy, rescore(healthy, weights), NOW)).toBe('stored')
      expect(await ingestReport(db, a!, healthy, rescore(healthy, weights), NOW)).toBe('duplicate')
      expect(await ingestReport(db, b!, poor, rescore(poor, weights), NOW)).toBe('stored')
      const stored = await db.selectFrom('reports').select('report_id').execute()
      expect(stored).toHaveLength(2)

      const rows = await unitTable(db, NOW)
      expect(rows).toEqual([
        { code: 'BAN-NA', name: 'Bản Na', score: null, devices: 0, reporting7d: 0, stale: 0, criticalFailures: 0, topFailedRules: [] },
        {
          code: 'THCS-01',
          name: 'Trường THCS',
          score: (100 + rescore(poor, weights).score) / 2,
          devices: 3,
          reporting7d: 1,
          stale: 1,
          criticalFailures: 1,
          topFailedRules: [
            { id: 'access.empty-password', devices: 1 },
            { id: 'backup.recent', devices: 1 },
          ],
        },
      ])
    })

    it('keeps the newest report as the latest, whatever the order of arrival', async () => {
      const { db } = await freshDatabase(kind)
      const weights = await builtinWeights()
      await addUnit(db, 'UBND', 'UBND', NOW)
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
      const pc = (await deviceByToken(db, (await enrollDevice(db, code, device(), NOW)).token))!
      const newer = await makeReport({ generatedAt: '2026-11-28T00:00:00.000Z' })
      const older = await makeReport({
        generatedAt: '2026-11-25T00:00:00.000Z',
        facts: { backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null }) },
      })
      await ingestReport(db, pc, newer, rescore(newer, weights), NOW)
      await ingestReport(db, pc, older, rescore(older, weights), NOW)
      const [row] = await unitTable(db, NOW)
      expect(row).toMatchObject({ score: 100, topFailedRules: [] })
    })

    it('prunes old reports but keeps each device\'s latest', async () => {
      const { db } = await freshDatabase(kind)
      const weights = await builtinWeights()
      await addUnit(db, 'UBND', 'UBND', NOW)
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 2, expiresAt: null }, NOW)
      const active = (await deviceByToken(db, (await enrollDevice(db, code, device('a'), NOW)).token))!
      const silent = (await deviceByToken(db, (await enrollDevice(db, code, device('b'), NOW)).token))!
      const ancient = await makeReport({ generatedAt: '2025-01-10T00:00:00.000Z' })
      const recent = await makeReport({ generatedAt: '2026-11-28T00:00:00.000Z' })
      const silentLast = await makeReport({ generatedAt: '2025-02-01T00:00:00.000Z' })
      for (const [pc, report] of [[active, ancient], [active, recent], [silent, silentLast]] as const) {
        await ingestReport(db, pc, report, rescore(report, weights), NOW)
      }
      expect(await pruneReports(db, NOW, 400)).toBe(1)
      const left = (await db.selectFrom('reports').select('report_id').execute()).map((row) => row.report_id).sort()
      expect(left).toEqual([recent.reportId, silentLast.reportId].sort())
    })

    it('counts each device by the age of its latest report, as time passes', async () => {
      const { db } = await freshDatabase(kind)
      const weights = await builtinWeights()
      await addUnit(db, 'UBND', 'UBND', NOW)
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 6, expiresAt: null }, NOW)
      const enroll = async (key: string) => (await deviceByToken(db, (await enrollDevice(db, code, device(key, `pc-${key}`), NOW)).token))!
      const [a, b, c, d, f] = [await enroll('a'), await enroll('b'), await enroll('c'), await enroll('d'), await enroll('f')]
      await enroll('e') // never reports: stale
      const poorFacts = {
        accounts: accountsFacts([account({ name: 'bob', hasPassword: false, emptyPassword: true })]),
        backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null }),
      }
      const healthy = (generatedAt: string) => makeReport({ generatedAt })
      const poor = (generatedAt: string) => makeReport({ generatedAt, facts: poorFacts })
      const uploads = [
        [a, healthy('2026-11-28T00:00:00.000Z')], // 1 day old
        [b, poor('2026-11-15T00:00:00.000Z')], // 14 days: counted, not reporting this week
        [c, poor('2026-10-01T00:00:00.000Z')], // 59 days: stale, its failures no longer count
        [d, poor('2026-10-01T00:00:00.000Z')], // stale, then back with a healthy report
        [d, healthy('2026-11-27T00:00:00.000Z')],
        [f, poor('2026-11-25T00:00:00.000Z')], // revoked below: leaves the table
      ] as const
      for (const [pc, pending] of uploads) {
        const report = await pending
        await ingestReport(db, pc, report, rescore(report, weights), NOW)
      }
      await revokeDevice(db, f.id, NOW)
      const poorScore = rescore(await poor('2026-11-15T00:00:00.000Z'), weights)
      const failed = poorScore.failedRules.map((id) => ({ id, devices: 1 }))
      expect(await unitTable(db, NOW)).toEqual([
        { code: 'UBND', name: 'UBND', score: Math.round(((200 + poorScore.score) / 3) * 10) / 10, devices: 5, reporting7d: 2, stale: 2, criticalFailures: 1, topFailedRules: failed },
      ])
      // Three weeks on, with no upload: b goes stale and nobody has reported this week.
      expect(await unitTable(db, new Date('2026-12-19T08:00:00Z'))).toEqual([
        { code: 'UBND', name: 'UBND', score: 100, devices: 5, reporting7d: 0, stale: 3, criticalFailures: 0, topFailedRules: [] },
      ])
    })

    it('removes a revoked device from the unit table', async () => {
      const { db } = await freshDatabase(kind)
      const weights = await builtinWeights()
      await addUnit(db, 'UBND', 'UBND', NOW)
      const { code } = await createEnrollCode(db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
      const pc = (await deviceByToken(db, (await enrollDevice(db, code, device(), NOW)).token))!
      const report = await makeReport()
      await ingestReport(db, pc, report, rescore(report, weights), NOW)
      await revokeDevice(db, pc.id, NOW)
      expect((await unitTable(db, NOW))[0]).toMatchObject({ devices: 0, score: null })
    })

    it('authenticates users, sessions and API keys', async () => {
      const { db } = await freshDatabase(kind)
      await addUnit(db, 'THCS-01', 'Trường THCS', NOW)
      await addUser(db, 'admin', 'admin', null, 'mật-khẩu-rất-dài', NOW)
      const viewer = await addUser(db, 'gv.tin', 'viewer', 'thcs-01', 'mat-khau-dai-du', NOW)
      expect(viewer).toEqual({ name: 'gv.tin', role: 'viewer', unit: 'THCS-01' })
      await expect(addUser(db, 'x', 'viewer', null, 'short', NOW)).rejects.toMatchObject({ code: 'badUserName' })
      await expect(addUser(db, 'ok-name', 'viewer', null, 'short', NOW)).rejects.toMatchObject({ code: 'badPassword' })
      expect(await authenticate(db, 'admin', 'mật-khẩu-rất-dài')).toMatchObject({ role: 'admin' })
      expect(await authenticate(db, 'admin', 'wrong-password')).toBeNull()
      expect(await authenticate(db, 'nobody', 'whatever-password')).toBeNull()
      const session = await createSession(db, viewer, NOW)
      expect(await sessionById(db, session.id, NOW)).toMatchObject({ user: viewer, csrfToken: session.csrfToken })
      expect(await sessionById(db, session.id, new Date('2026-11-30T08:00:00Z'))).toBeNull()
      const key = await createApiKey(db, 'gv.tin', NOW)
      expect(await userByApiKey(db, key)).toEqual(viewer)
      expect(await userByApiKey(db, 'nope')).toBeNull()
    })
  })
})
