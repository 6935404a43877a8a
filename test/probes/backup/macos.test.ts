// The backup probe on a Mac: Time Machine's preferences and tmutil, and the configured backup folders.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { backupProbe } from '../../../src/probes/backup/index.js'
import type { BackupFacts } from '../../../src/probes/backup/schema.js'
import { parseLatestBackup } from '../../../src/probes/backup/time-machine-macos.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { macContext, macFixture } from '../macos/macos-test-kit.js'
import { useTimeZone, VIETNAM } from './backup-test-kit.js'

useTimeZone(VIETNAM)

const TM_PLIST = 'Library/Preferences/com.apple.TimeMachine.plist'
const TMUTIL = 'tmutil latestbackup'
/** tmutil's answer without Full Disk Access or with the disk unplugged; the exact text is unverified. */
const TMUTIL_FAILS: StubAnswer = { exitCode: 1, stderr: 'Unable to locate machine directory for host.\n' }

/** The preferences as a folder: reading it fails like a file refused without Full Disk Access (EPERM), even as root. */
const REFUSED = Symbol('refused')

interface TimeMachineMac {
  plist?: string | typeof REFUSED
  tmutil?: StubAnswer
  backupPaths?: string[]
}

async function collect(options: TimeMachineMac): Promise<BackupFacts> {
  const stub = commandStub()
  if (options.tmutil) stub.on(TMUTIL, options.tmutil)
  const { plist } = options
  const system: Record<string, string> =
    plist === undefined ? {} : plist === REFUSED ? { [`${TM_PLIST}/`]: '' } : { [TM_PLIST]: plist }
  const ctx = await macContext({ system, run: stub.run, settings: { backupPaths: options.backupPaths ?? [] } })
  const facts = backupProbe.schema.parse(await backupProbe.collect.macos!(ctx))
  stub.assertAllUsed()
  return facts
}

describe('backup probe on macOS', () => {
  it('reports Time Machine as not configured on a Mac that never chose a backup disk', async () => {
    const facts = await collect({})
    expect(facts).toEqual({
      sources: [
        {
          kind: 'time-machine',
          location: '/Library/Preferences/com.apple.TimeMachine.plist',
          state: 'not-configured',
          newestAt: null,
          capped: false,
        },
      ],
      newestBackupAt: null,
      newestBackupAgeDays: null,
      configuredPaths: 0,
    })
  })

  it('reports a preferences file without a destination as not configured, without asking tmutil', async () => {
    const facts = await collect({ plist: await macFixture('TimeMachine-no-destination.plist') })
    expect(facts.sources[0]!.state).toBe('not-configured')
  })

  it('dates the newest backup from the snapshot dates when the disk is not plugged in', async () => {
    const facts = await collect({ plist: await macFixture('TimeMachine-recent.plist'), tmutil: TMUTIL_FAILS })
    const newestAt = '2026-11-26T23:10:00.000Z'
    expect(facts.sources[0]).toMatchObject({ kind: 'time-machine', state: 'found', newestAt })
    expect(facts).toMatchObject({ newestBackupAt: '2026-11-26T23:10:00.000Z', newestBackupAgeDays: 2 })
  })

  it('takes the newer backup tmutil names, read in local time', async () => {
    const facts = await collect({
      plist: await macFixture('TimeMachine-recent.plist'),
      tmutil: { stdout: await macFixture('tmutil-latestbackup-apfs.txt') },
    })
    // 06:15 in Vietnam (UTC+7) is 23:15 UTC the day before.
    expect(facts.newestBackupAt).toBe('2026-11-27T23:15:00.000Z')
  })

  it('reports a backup disk chosen but never written to as empty', async () => {
    const plist = (await macFixture('TimeMachine-recent.plist'))
      .replace(/<key>ReferenceLocalSnapshotDate<\/key>\s*<date>[^<]*<\/date>/, '')
      .replace(/<key>SnapshotDates<\/key>\s*<array>[\s\S]*?<\/array>/, '')
    const facts = await collect({ plist, tmutil: TMUTIL_FAILS })
    expect(facts.sources[0]).toMatchObject({ state: 'empty', newestAt: null })
  })

  it('says unreadable, not missing, when neither the preferences nor tmutil answer (no Full Disk Access)', async () => {
    const facts = await collect({ plist: REFUSED, tmutil: TMUTIL_FAILS })
    expect(facts.sources[0]).toMatchObject({ state: 'unreadable', newestAt: null })
  })

  it('still dates the backup from tmutil when only the preferences are refused', async () => {
    const tmutil = { stdout: await macFixture('tmutil-latestbackup-apfs.txt') }
    const facts = await collect({ plist: REFUSED, tmutil })
    expect(facts.sources[0]).toMatchObject({ state: 'found', newestAt: '2026-11-27T23:15:00.000Z' })
  })

  it('also looks in the configured backup folders (a USB disk under /Volumes)', async () => {
    const copied = new Date('2026-11-28T02:00:00Z')
    const disk = await tempTree({ 'SaoLuu/ho-so/bao-cao.docx': { content: 'x', mtime: copied } })
    const facts = await collect({ backupPaths: [path.join(disk, 'SaoLuu'), path.join(disk, 'Offline')] })
    expect(facts.sources.map((source) => [source.kind, source.state])).toEqual([
      ['folder', 'found'],
      ['folder', 'missing'],
      ['time-machine', 'not-configured'],
    ])
    expect(facts.configuredPaths).toBe(2)
    expect(facts.newestBackupAgeDays).not.toBeNull()
  })
})

describe('parseLatestBackup', () => {
  it.each([
    ['/Volumes/Backup KT/Backups.backupdb/MacBook/2024-01-15-093012\n', '2024-01-15T02:30:12.000Z'],
    ['/Volumes/.timemachine/CA30DC01/2024-08-17-001115.backup/2024-08-17-001115.backup', '2024-08-16T17:11:15.000Z'],
    ['Failed to mount backup destination\n', null],
    ['/Volumes/Backup KT/Backups.backupdb/MacBook/2024-02-30-093012', null],
  ])('%s → %s', (stdout, expected) => {
    expect(parseLatestBackup(stdout)?.toISOString() ?? null).toBe(expected)
  })
})
