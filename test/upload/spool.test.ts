import { readdir, stat, writeFile, mkdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { countSpooled, SPOOL_LIMIT, spoolDir, spooledReports, spoolReport } from '../../src/upload/spool.js'
import { testHost } from '../helpers/probe-context.js'
import { makeReport } from '../helpers/reports.js'
import { tempTree } from '../helpers/temp-tree.js'

describe('spool', () => {
  it('keeps reports oldest first, readable only by the user', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const newer = await makeReport({ generatedAt: '2026-11-28T00:00:00.000Z' })
    const older = await makeReport({ generatedAt: '2026-11-20T00:00:00.000Z' })
    await spoolReport(host, newer)
    await spoolReport(host, older)
    const spooled = await spooledReports(host)
    expect(spooled.map((one) => one.report.reportId)).toEqual([older.reportId, newer.reportId])
    expect((await stat(spooled[0]!.file)).mode & 0o777).toBe(0o600)
  })

  it(`drops the oldest beyond ${SPOOL_LIMIT} reports and says which`, async () => {
    const host = testHost({ homeDir: await tempTree() })
    const first = await makeReport({ generatedAt: '2026-01-01T00:00:00.000Z' })
    expect(await spoolReport(host, first)).toEqual([])
    const base = await makeReport()
    for (let i = 1; i < SPOOL_LIMIT; i++) {
      await spoolReport(host, { ...base, reportId: crypto.randomUUID(), generatedAt: `2026-02-${String((i % 28) + 1).padStart(2, '0')}T00:00:${String(i % 60).padStart(2, '0')}.000Z` })
    }
    expect(await countSpooled(host)).toBe(SPOOL_LIMIT)
    const dropped = await spoolReport(host, await makeReport({ generatedAt: '2026-11-29T00:00:00.000Z' }))
    expect(dropped).toEqual([expect.stringContaining(first.reportId)])
    expect(await countSpooled(host)).toBe(SPOOL_LIMIT)
  })

  it('sets aside a damaged file instead of sending or deleting it', async () => {
    const host = testHost({ homeDir: await tempTree() })
    await mkdir(spoolDir(host), { recursive: true })
    await writeFile(`${spoolDir(host)}/2026-11-01_broken.json`, '{"reportId":')
    expect(await spooledReports(host)).toEqual([])
    expect(await readdir(`${spoolDir(host)}/rejected`)).toEqual(['2026-11-01_broken.json'])
  })
})
