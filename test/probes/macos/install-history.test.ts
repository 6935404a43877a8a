// The install history reader shared by the macOS probes: dated installs only, one read per run.
import { describe, expect, it } from 'vitest'
import { readInstallHistory } from '../../../src/probes/macos/install-history.js'
import { macContext, macFixture } from './macos-test-kit.js'

const HISTORY = 'Library/Receipts/InstallHistory.plist'

describe('macOS install history', () => {
  it('keeps the dated, named installs, and reads the file once for every probe of a run', async () => {
    const undated = '<dict>\n\t\t<key>displayName</key>\n\t\t<string>No date</string>\n\t</dict>\n</array>'
    const history = (await macFixture('InstallHistory.plist')).replace('</array>', `\t${undated}`)
    const ctx = await macContext({ system: { [HISTORY]: history } })
    const first = readInstallHistory(ctx)
    expect(readInstallHistory(ctx)).toBe(first)
    const records = await first
    expect(Array.isArray(records) && records.map((record) => record.displayName)).toEqual([
      'macOS Sequoia 15.1',
      'Safari',
      'Zalo',
      'XProtectPlistConfigData',
    ])
    expect(Array.isArray(records) && records[3]).toEqual({
      date: new Date('2026-11-27T20:15:52Z'),
      displayName: 'XProtectPlistConfigData',
      displayVersion: '5321',
      processName: 'softwareupdated',
    })
  })

  it('says why when the history is missing or not a list', async () => {
    expect(await readInstallHistory(await macContext())).toEqual({ reason: `/${HISTORY}: ENOENT` })
    const ctx = await macContext({ system: { [HISTORY]: '<plist version="1.0"><dict/></plist>' } })
    expect(await readInstallHistory(ctx)).toEqual({ reason: `/${HISTORY}: not an array of installs` })
  })
})
