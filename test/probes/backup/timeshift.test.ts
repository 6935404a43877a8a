// Tests Timeshift detection on a fake system root: configuration states and snapshot folder names.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectTimeshift, snapshotTime } from '../../../src/probes/backup/timeshift.js'
import { testHost } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'
import { fixture, itAsNonRoot, useTimeZone, VIETNAM, whileLocked } from './backup-test-kit.js'

// Snapshot names are local time: on a machine in Vietnam, 06:00 is 23:00 UTC the day before.
useTimeZone(VIETNAM)

async function machine(files: Record<string, string | TreeFile>) {
  return testHost({ systemRoot: await tempTree(files) })
}

describe('inspectTimeshift', () => {
  it('dates the newest snapshot folder of a configured rsync setup in local time', async () => {
    const host = await machine({
      'etc/timeshift/timeshift.json': await fixture('backup/timeshift-rsync.json'),
      'timeshift/snapshots/2026-11-20_06-00-01/info.json': '{}',
      'timeshift/snapshots/2026-11-28_06-00-00/info.json': '{}',
      // not snapshots: a work folder, a foreign name, and a file with a snapshot's name
      'timeshift/snapshots/.sync/': '',
      'timeshift/snapshots/2026-12-31_old-copy/': '',
      'timeshift/snapshots/2026-12-30_06-00-00': 'not a folder',
    })

    expect(await inspectTimeshift(host)).toEqual({
      kind: 'timeshift',
      location: '/timeshift/snapshots',
      state: 'found',
      newestAt: '2026-11-27T23:00:00.000Z',
      capped: false,
    })
  })

  it('looks in /timeshift-btrfs/snapshots in btrfs mode', async () => {
    const host = await machine({
      'etc/timeshift/timeshift.json': await fixture('backup/timeshift-btrfs.json'),
      'timeshift-btrfs/snapshots/2026-11-25_12-30-00/@/': '',
      'timeshift/snapshots/2026-11-28_06-00-00/': '',
    })

    expect(await inspectTimeshift(host)).toMatchObject({
      location: '/timeshift-btrfs/snapshots',
      newestAt: '2026-11-25T05:30:00.000Z',
    })
  })

  it('reads the older /etc/timeshift.json', async () => {
    const host = await machine({
      'etc/timeshift.json': await fixture('backup/timeshift-rsync.json'),
      'timeshift/snapshots/2026-11-28_06-00-00/': '',
    })

    expect(await inspectTimeshift(host)).toMatchObject({ state: 'found', newestAt: '2026-11-27T23:00:00.000Z' })
  })

  it('reports an empty snapshot folder as empty', async () => {
    const host = await machine({
      'etc/timeshift/timeshift.json': await fixture('backup/timeshift-rsync.json'),
      'timeshift/snapshots/': '',
    })

    expect(await inspectTimeshift(host)).toMatchObject({ state: 'empty', location: '/timeshift/snapshots' })
  })

  it('reports the shipped default configuration (no backup device) as not configured', async () => {
    const host = await machine({ 'etc/timeshift/timeshift.json': await fixture('backup/timeshift-default.json') })

    expect(await inspectTimeshift(host)).toEqual({
      kind: 'timeshift',
      location: '/etc/timeshift/timeshift.json',
      state: 'not-configured',
      newestAt: null,
      capped: false,
    })
  })

  it('reports an installed Timeshift that was never set up as not configured', async () => {
    const host = await machine({ 'usr/bin/timeshift': '#!binary' })

    expect(await inspectTimeshift(host)).toMatchObject({ state: 'not-configured' })
  })

  it('reports a snapshot folder absent from the root file system as missing, at the config path', async () => {
    const host = await machine({ 'etc/timeshift.json': await fixture('backup/timeshift-rsync.json') })

    expect(await inspectTimeshift(host)).toMatchObject({ state: 'missing', location: '/etc/timeshift.json' })
  })

  itAsNonRoot('reports a snapshot folder it may not read as unreadable', async () => {
    const host = await machine({
      'etc/timeshift/timeshift.json': await fixture('backup/timeshift-rsync.json'),
      'timeshift/snapshots/2026-11-28_06-00-00/': '',
    })

    await whileLocked(path.join(host.systemRoot, 'timeshift/snapshots'), async () => {
      expect(await inspectTimeshift(host)).toMatchObject({
        state: 'unreadable',
        location: '/etc/timeshift/timeshift.json',
      })
    })
  })

  it('reports a snapshot path it cannot list, a file in place of the folder, as unreadable', async () => {
    const host = await machine({
      'etc/timeshift/timeshift.json': await fixture('backup/timeshift-rsync.json'),
      'timeshift/snapshots': 'not a folder',
    })

    expect(await inspectTimeshift(host)).toMatchObject({
      state: 'unreadable',
      location: '/etc/timeshift/timeshift.json',
    })
  })

  it('reports a configuration that is not JSON as unreadable', async () => {
    const host = await machine({ 'etc/timeshift/timeshift.json': '{"backup_device_uuid": ' })

    expect(await inspectTimeshift(host)).toMatchObject({ state: 'unreadable' })
  })

  it('gives no source when Timeshift is not installed', async () => {
    expect(await inspectTimeshift(await machine({ 'etc/hostname': 'pc-test' }))).toBeNull()
  })
})

describe('snapshotTime', () => {
  it.each(['2026-11-28', '2026-11-28_06-00', '2026-02-30_06-00-00', 'x2026-11-28_06-00-00'])('rejects %j', (name) => {
    expect(snapshotTime(name)).toBeNull()
  })
})
