// Shared pieces of the backup probe tests: fixtures, restic and borg repositories as the tools lay them out, time zone.
import { chmod, readFile } from 'node:fs/promises'
import { afterAll, beforeAll, it } from 'vitest'
import { writeTree, type TreeFile } from '../../helpers/temp-tree.js'

const FIXTURES = new URL('../../fixtures/linux/', import.meta.url)

export async function fixture(name: string): Promise<string> {
  return readFile(new URL(name, FIXTURES), 'utf8')
}

/** The snapshot captured with restic 0.14.0 (restic_snapshots.json). */
export async function capturedResticSnapshot(): Promise<{ id: string; time: Date }> {
  const [snapshot] = JSON.parse(await fixture('restic_snapshots.json')) as Array<{ id: string; time: string }>
  if (!snapshot) throw new Error('restic_snapshots.json holds no snapshot')
  return { id: snapshot.id, time: new Date(snapshot.time) }
}

/** The repository id captured with borg 1.2.4 (borg_list.json). */
export async function capturedBorgRepositoryId(): Promise<string> {
  return (JSON.parse(await fixture('borg_list.json')) as { repository: { id: string } }).repository.id
}

/** A local restic repository: config, data/, index/, keys/, locks/ and one file per snapshot, dated by its mtime. */
export async function writeResticRepository(root: string, snapshots: Array<{ id: string; time: Date }>): Promise<void> {
  const files: Record<string, string | TreeFile> = {
    config: 'encrypted repository config',
    'data/2e/': '',
    'index/': '',
    'keys/5c0ee2bfb0d6a34c1b7e8d8e4b5a4b1c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a': 'encrypted key',
    'locks/': '',
    'snapshots/': '',
  }
  for (const snapshot of snapshots) files[`snapshots/${snapshot.id}`] = { content: 'encrypted', mtime: snapshot.time }
  await writeTree(root, files)
}

/** A local borg 1.x repository whose transaction files (index.N, hints.N, integrity.N) date from `committedAt`. */
export async function writeBorgRepository(root: string, committedAt: Date): Promise<void> {
  await writeTree(root, {
    README: await fixture('backup/borg-README'),
    config: await fixture('backup/borg-config'),
    'data/0/1': { content: 'BORG_SEG', mtime: committedAt },
    'index.5': { content: 'BORG_IDX', mtime: committedAt },
    'hints.5': { content: 'hints', mtime: committedAt },
    'integrity.5': { content: '{}', mtime: committedAt },
    nonce: '0000000000000042',
  })
}

/** A permission test: chmod 000 does not stop root, so it runs only as another user, and its name says so. */
export function itAsNonRoot(name: string, test: () => Promise<void>): void {
  it.skipIf(process.getuid?.() === 0)(`${name} (skipped as root: chmod 000 does not stop root)`, test)
}

/** Runs `check` while `dir` has mode 000, then gives the mode back so the temp tree can be removed. */
export async function whileLocked(dir: string, check: () => Promise<void>): Promise<void> {
  await chmod(dir, 0o000)
  try {
    await check()
  } finally {
    await chmod(dir, 0o700)
  }
}

/** Runs the tests of the file in `zone`, as the agent runs on a machine set to it. */
export function useTimeZone(zone: string): void {
  const saved = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  })
}

/** Vietnam is UTC+7 all year: a local 06:00 is 23:00 UTC the day before. */
export const VIETNAM = 'Asia/Ho_Chi_Minh'
