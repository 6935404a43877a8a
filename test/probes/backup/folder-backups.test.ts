// Tests the walk of configured backup folders on real temp directories: timestamps, bounds and odd trees.
import { lstat, mkdir, symlink, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileBackupTime, inspectBackupPath } from '../../../src/probes/backup/folder-backups.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { itAsNonRoot, whileLocked } from './backup-test-kit.js'

const DAY_MS = 86_400_000
const fromNow = (days: number): Date => new Date(Date.now() + days * DAY_MS)

function inspect(root: string, signal = new AbortController().signal) {
  return inspectBackupPath(root, { signal, borgSecurityDir: '/nonexistent-borg-security' })
}

describe('fileBackupTime', () => {
  it('takes the later of mtime and birth time, and mtime alone when the file system keeps no birth time', () => {
    expect(fileBackupTime({ mtimeMs: 1_000, birthtimeMs: 5_000 })).toBe(5_000)
    expect(fileBackupTime({ mtimeMs: 9_000, birthtimeMs: 5_000 })).toBe(9_000)
    expect(fileBackupTime({ mtimeMs: -5_000, birthtimeMs: 0 })).toBe(-5_000)
  })
})

describe('inspectBackupPath on a plain folder', () => {
  it('dates a copy that kept its old mtime by the time it was created', async () => {
    const root = await tempTree({
      'ketoan/2026-08.xlsx': { content: 'old', mtime: fromNow(-120) },
      'ketoan/thang-10/so-cai.xlsx': { content: 'old', mtime: fromNow(-60) },
      // written last, as `cp -p` would: the source's mtime, a fresh birth time
      'ho-so/hop-dong.pdf': { content: 'copied today', mtime: fromNow(-200) },
    })
    const copy = await lstat(path.join(root, 'ho-so/hop-dong.pdf'))

    const source = await inspect(root)

    expect(source).toMatchObject({ kind: 'folder', location: root, state: 'found', capped: false })
    expect(Date.parse(source.newestAt!)).toBeGreaterThanOrEqual(Math.floor(copy.birthtimeMs))
    expect(Date.parse(source.newestAt!)).toBeLessThanOrEqual(Date.now())
  })

  it('dates a file changed after it was created by its mtime', async () => {
    const changed = fromNow(2)
    const root = await tempTree({ 'a.bak': 'x', 'sub/b.bak': { content: 'y', mtime: changed } })

    expect((await inspect(root)).newestAt).toBe(changed.toISOString())
  })

  it('reports a path that does not exist as missing (a backup disk not plugged in)', async () => {
    const root = path.join(await tempTree(), 'USB-BACKUP')

    expect(await inspect(root)).toEqual({
      kind: 'folder',
      location: root,
      state: 'missing',
      newestAt: null,
      capped: false,
    })
  })

  it('reports a folder without files as empty', async () => {
    const root = await tempTree({ 'thang-11/': '', 'thang-12/tuan-1/': '' })

    expect(await inspect(root)).toMatchObject({ state: 'empty', newestAt: null, capped: false })
  })

  it('dates a configured path that is one archive file', async () => {
    const written = fromNow(1)
    const root = await tempTree({ 'db.sql.gz': { content: 'dump', mtime: written } })

    expect(await inspect(path.join(root, 'db.sql.gz'))).toMatchObject({
      state: 'found',
      newestAt: written.toISOString(),
    })
  })

  itAsNonRoot('reports a folder it may not read as unreadable', async () => {
    const root = await tempTree({ 'a.bak': 'x' })

    await whileLocked(root, async () => {
      expect(await inspect(root)).toMatchObject({ state: 'unreadable', newestAt: null })
    })
  })

  itAsNonRoot('keeps going past a subfolder it may not read', async () => {
    const readable = fromNow(1)
    const root = await tempTree({ 'open/a.bak': { content: 'x', mtime: readable }, 'closed/b.bak': 'y' })

    await whileLocked(path.join(root, 'closed'), async () => {
      expect(await inspect(root)).toMatchObject({ state: 'found', newestAt: readable.toISOString() })
    })
  })

  it('does not follow symbolic links: a link loop ends, a linked newer file is not counted', async () => {
    const own = fromNow(1)
    const outside = await tempTree({ 'elsewhere.bak': { content: 'not a backup', mtime: fromNow(30) } })
    const root = await tempTree({ 'data/a.bak': { content: 'x', mtime: own } })
    await symlink(path.join(root, 'data'), path.join(root, 'data', 'loop'))
    await symlink(path.join(outside, 'elsewhere.bak'), path.join(root, 'data', 'link.bak'))

    expect(await inspect(root)).toMatchObject({ state: 'found', newestAt: own.toISOString(), capped: false })
  })

  it('reads files six folders down, not seven, and says the walk was capped', async () => {
    const atLimit = fromNow(1)
    const root = await tempTree({
      'a/b/c/d/e/f/at-limit.bak': { content: 'x', mtime: atLimit },
      'a/b/c/d/e/f/g/too-deep.bak': { content: 'y', mtime: fromNow(5) },
    })

    expect(await inspect(root)).toMatchObject({ state: 'found', newestAt: atLimit.toISOString(), capped: true })
  })

  it('stops when the probe is aborted and says the walk was capped', async () => {
    const root = await tempTree({ 'a.bak': 'x' })
    const aborted = new AbortController()
    aborted.abort()

    expect(await inspect(root, aborted.signal)).toMatchObject({ state: 'empty', capped: true })
  })

  it('walks past a non-UTF-8 file name without dating that file (fs-walk hands out UTF-8 paths)', async () => {
    const own = fromNow(1)
    const root = await tempTree({ 'a.bak': { content: 'x', mtime: own } })
    await mkdir(path.join(root, 'cu'))
    const latin1Name = Buffer.concat([Buffer.from(path.join(root, 'cu') + path.sep), Buffer.from([0x62, 0xe1, 0x6f])])
    await writeFile(latin1Name, 'legacy')
    await utimes(latin1Name, fromNow(9), fromNow(9))

    expect(await inspect(root)).toMatchObject({ state: 'found', newestAt: own.toISOString(), capped: false })
  })
})
