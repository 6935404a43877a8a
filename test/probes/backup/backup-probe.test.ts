// Tests the whole Linux backup probe: every source on one fake machine, the summary, and that it writes nothing.
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ProbeContext } from '../../../src/probes/probe.js'
import { backupProbe } from '../../../src/probes/backup/index.js'
import { BackupFactsSchema, type BackupFacts } from '../../../src/probes/backup/schema.js'
import { commandStub } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'
import {
  capturedBorgRepositoryId,
  capturedResticSnapshot,
  fixture,
  useTimeZone,
  VIETNAM,
  writeBorgRepository,
  writeResticRepository,
} from './backup-test-kit.js'

useTimeZone(VIETNAM)

async function collect(ctx: ProbeContext): Promise<BackupFacts> {
  const collectLinux = backupProbe.collect.linux
  if (!collectLinux) throw new Error('the backup probe has no Linux collector')
  return BackupFactsSchema.parse(await collectLinux(ctx))
}

/** A machine with Timeshift, Déjà Dup, a restic and a borg repository on the backup disk, and a NAS share offline. */
async function officeMachine() {
  const systemRoot = await tempTree({
    'etc/timeshift/timeshift.json': await fixture('backup/timeshift-rsync.json'),
    'timeshift/snapshots/2026-11-28_06-00-00/info.json': '{}',
    'usr/share/glib-2.0/schemas/org.gnome.DejaDup.gschema.xml': '<schemalist/>',
  })
  const home = await tempTree({
    [`.config/borg/security/${await capturedBorgRepositoryId()}/manifest-timestamp`]:
      await fixture('backup/borg-manifest-timestamp'),
  })
  const disk = await tempTree()
  await writeResticRepository(path.join(disk, 'restic'), [await capturedResticSnapshot()])
  await writeBorgRepository(path.join(disk, 'borg'), new Date('2026-11-02T01:00:00Z'))
  const stub = commandStub().on('gsettings get org.gnome.DejaDup last-backup', {
    stdout: "'2026-11-20T10:15:30.123456Z'\n",
  })
  const backupPaths = [path.join(disk, 'restic'), path.join(disk, 'borg'), path.join(disk, 'nas-offline')]
  const ctx = testContext({
    host: { systemRoot, homeDir: home },
    run: stub.run,
    now: '2026-12-09T12:00:00Z',
    settings: { backupPaths },
  })
  return { ctx, stub, roots: [systemRoot, home, disk], backupPaths }
}

/** Every entry under the roots with what a write would change. */
async function snapshotTrees(roots: string[]): Promise<string[]> {
  const lines: string[] = []
  for (const root of roots) {
    for (const name of await readdir(root, { recursive: true })) {
      const stats = await lstat(path.join(root, name))
      lines.push(`${root}/${name} ${stats.mode} ${stats.size} ${stats.mtimeMs} ${stats.ctimeMs}`)
    }
  }
  return lines.sort()
}

describe('backupProbe on Linux', () => {
  it('gathers every source and keeps the newest backup with its age', async () => {
    const { ctx, stub, backupPaths } = await officeMachine()

    const facts = await collect(ctx)
    // the captured restic snapshot time and borg manifest timestamp, both UTC
    const [resticAt, borgAt] = ['2026-11-29T06:10:35.113Z', '2026-11-29T06:10:38.172Z']

    stub.assertAllUsed()
    expect(facts).toEqual({
      sources: [
        { kind: 'restic', location: backupPaths[0], state: 'found', newestAt: resticAt, capped: false },
        { kind: 'borg', location: backupPaths[1], state: 'found', newestAt: borgAt, capped: false },
        { kind: 'folder', location: backupPaths[2], state: 'missing', newestAt: null, capped: false },
        {
          kind: 'timeshift',
          location: '/timeshift/snapshots',
          state: 'found',
          newestAt: '2026-11-27T23:00:00.000Z',
          capped: false,
        },
        {
          kind: 'deja-dup',
          location: 'org.gnome.DejaDup last-backup',
          state: 'found',
          newestAt: '2026-11-20T10:15:30.123Z',
          capped: false,
        },
      ],
      newestBackupAt: borgAt,
      newestBackupAgeDays: 10,
      configuredPaths: 3,
    })
  })

  it('writes nothing: not in the repositories, the system root or the home folder', async () => {
    const { ctx, roots } = await officeMachine()
    const before = await snapshotTrees(roots)

    await collect(ctx)

    expect(await snapshotTrees(roots)).toEqual(before)
  })

  it('reports no backup at all when nothing is configured or installed, without running a command', async () => {
    const ctx = testContext({ host: { systemRoot: await tempTree({ 'etc/hostname': 'pc-test' }) } })

    expect(await collect(ctx)).toEqual({
      sources: [],
      newestBackupAt: null,
      newestBackupAgeDays: null,
      configuredPaths: 0,
    })
  })

  it('declares its id and a timeout above the 20 s bound of a folder walk', () => {
    expect(backupProbe.id).toBe('backup')
    expect(backupProbe.timeoutMs).toBe(25_000)
  })
})
