import { mkdir, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { offlineScores, reportFiles } from '../../src/collector/offline-scores.js'
import { account, accountsFacts } from '../helpers/facts.js'
import { builtinWeights, makeReport } from '../helpers/reports.js'
import { tempTree } from '../helpers/temp-tree.js'

const NOW = new Date('2026-11-29T08:00:00Z')

describe('offlineScores', () => {
  it('computes the units table from report files, by the unit folder or the report itself', async () => {
    const usb = await tempTree()
    await mkdir(`${usb}/THCS-01`)
    await mkdir(`${usb}/khac`)
    const healthy = await makeReport({ machineIdHash: '1'.repeat(32) })
    const weak = await makeReport({
      machineIdHash: '2'.repeat(32),
      facts: { accounts: accountsFacts([account({ name: 'bob', hasPassword: false, emptyPassword: true })]) },
    })
    const police = { ...(await makeReport({ machineIdHash: '3'.repeat(32) })), unit: { code: 'ca-phuong', name: 'Công an phường' } }
    await writeFile(`${usb}/THCS-01/pc-1.json`, JSON.stringify(healthy))
    await writeFile(`${usb}/THCS-01/pc-2.json`, JSON.stringify(weak))
    await writeFile(`${usb}/khac/ca.json`, JSON.stringify(police))
    await writeFile(`${usb}/THCS-01/notes.txt`, 'not a report')

    const files = await reportFiles([`${usb}/THCS-01`, `${usb}/khac/ca.json`])
    expect(files).toHaveLength(3)
    const rows = await offlineScores(files, await builtinWeights(), NOW)
    expect(rows.map((row) => [row.code, row.name, row.devices, row.score, row.criticalFailures])).toEqual([
      ['CA-PHUONG', 'Công an phường', 1, 100, 0],
      ['THCS-01', 'THCS-01', 2, 75, 1],
    ])
  })

  it('counts a report sent twice once', async () => {
    const dir = await tempTree()
    const report = await makeReport()
    await writeFile(`${dir}/a.json`, JSON.stringify(report))
    await writeFile(`${dir}/b.json`, JSON.stringify(report))
    const [row] = await offlineScores(await reportFiles([dir]), await builtinWeights(), NOW)
    expect(row).toMatchObject({ devices: 1, reporting7d: 1 })
  })

  it('names the file and field of a report that breaks the contract', async () => {
    const dir = await tempTree({ 'bad.json': JSON.stringify({ schemaVersion: 1, reportId: 'x' }), 'junk.json': '{' })
    await expect(offlineScores([`${dir}/bad.json`], await builtinWeights(), NOW)).rejects.toMatchObject({
      key: 'scores.invalid',
      vars: { file: `${dir}/bad.json`, field: 'reportId' },
    })
    await expect(offlineScores([`${dir}/junk.json`], await builtinWeights(), NOW)).rejects.toMatchObject({ key: 'scores.notJson' })
    await expect(reportFiles([`${dir}/none.json`])).rejects.toMatchObject({ key: 'file.notFound' })
  })
})
