// Tests restic and borg repositories among the configured backup paths, read without their passwords.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectBackupPath } from '../../../src/probes/backup/folder-backups.js'
import { borgSecurityDir } from '../../../src/probes/backup/repositories.js'
import { testHost } from '../../helpers/probe-context.js'
import { tempTree, writeTree } from '../../helpers/temp-tree.js'
import {
  capturedBorgRepositoryId,
  capturedResticSnapshot,
  fixture,
  itAsNonRoot,
  useTimeZone,
  VIETNAM,
  whileLocked,
  writeBorgRepository,
  writeResticRepository,
} from './backup-test-kit.js'

// Zoneless times must not be read in the zone of the machine running the tests by accident.
useTimeZone(VIETNAM)

function inspect(root: string, securityDir = '/nonexistent-borg-security') {
  return inspectBackupPath(root, { signal: new AbortController().signal, borgSecurityDir: securityDir })
}

describe('restic repositories', () => {
  it('dates the newest snapshot by the mtime of its file in snapshots/', async () => {
    const captured = await capturedResticSnapshot()
    const root = await tempTree()
    await writeResticRepository(root, [
      { id: 'a'.repeat(64), time: new Date('2026-11-01T06:00:00Z') },
      captured,
    ])
    // restic writes nothing else there; a stray file is no snapshot even when newer
    await writeTree(root, { 'snapshots/notes.txt': { content: 'x', mtime: new Date('2026-12-25T00:00:00Z') } })

    expect(await inspect(root)).toEqual({
      kind: 'restic',
      location: root,
      state: 'found',
      newestAt: '2026-11-29T06:10:35.113Z',
      capped: false,
    })
  })

  it('reports a repository without snapshots as empty', async () => {
    const root = await tempTree()
    await writeResticRepository(root, [])

    expect(await inspect(root)).toMatchObject({ kind: 'restic', state: 'empty', newestAt: null })
  })

  itAsNonRoot('reports unreadable snapshots as unreadable', async () => {
    const root = await tempTree()
    await writeResticRepository(root, [await capturedResticSnapshot()])

    await whileLocked(path.join(root, 'snapshots'), async () => {
      expect(await inspect(root)).toMatchObject({ kind: 'restic', state: 'unreadable', newestAt: null })
    })
  })

  it('treats a folder that only looks like a repository (no keys/) as a plain folder', async () => {
    const root = await tempTree({ config: 'x', 'data/': '', 'snapshots/a.bak': 'y' })

    expect(await inspect(root)).toMatchObject({ kind: 'folder', state: 'found' })
  })
})

describe('borg repositories', () => {
  const committedAt = new Date('2026-11-02T01:00:00Z')

  it('takes the manifest timestamp of the security dir, written in UTC without a zone', async () => {
    const id = await capturedBorgRepositoryId()
    const root = await tempTree()
    await writeBorgRepository(root, committedAt)
    const security = await tempTree({ [`${id}/manifest-timestamp`]: await fixture('backup/borg-manifest-timestamp') })

    expect(await inspect(root, security)).toEqual({
      kind: 'borg',
      location: root,
      state: 'found',
      newestAt: '2026-11-29T06:10:38.172Z',
      capped: false,
    })
  })

  it('falls back to the newest index, hints or integrity file without a security entry', async () => {
    const root = await tempTree()
    await writeBorgRepository(root, committedAt)

    expect(await inspect(root, await tempTree())).toMatchObject({
      kind: 'borg',
      state: 'found',
      newestAt: committedAt.toISOString(),
    })
  })

  it('falls back when the manifest timestamp cannot be read as a date', async () => {
    const id = await capturedBorgRepositoryId()
    const root = await tempTree()
    await writeBorgRepository(root, committedAt)
    const security = await tempTree({ [`${id}/manifest-timestamp`]: 'garbage' })

    expect(await inspect(root, security)).toMatchObject({ kind: 'borg', newestAt: committedAt.toISOString() })
  })

  it('treats a folder whose README is not borg’s as a plain folder', async () => {
    const root = await tempTree({ README: 'Sao lưu kế toán', config: '[repository]\nid = 00ff\n' })

    expect(await inspect(root)).toMatchObject({ kind: 'folder' })
  })
})

describe('borgSecurityDir', () => {
  const home = '/home/alice'

  it.each([
    [{}, '/home/alice/.config/borg/security'],
    [{ XDG_CONFIG_HOME: '/xdg' }, '/xdg/borg/security'],
    [{ XDG_CONFIG_HOME: '/xdg', BORG_BASE_DIR: '/base' }, '/base/.config/borg/security'],
    [{ XDG_CONFIG_HOME: '/xdg', BORG_CONFIG_DIR: '/borg-config' }, '/borg-config/security'],
    [{ BORG_CONFIG_DIR: '/borg-config', BORG_SECURITY_DIR: '/borg-security' }, '/borg-security'],
  ])('with %j is %s', (env, expected) => {
    expect(borgSecurityDir(testHost({ homeDir: home, env }))).toBe(expected)
  })
})
