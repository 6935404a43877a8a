// Tests the bounded stat of listed files: newest time, vanished files, links and the deadline.
import { symlink } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { newestFileTime } from '../../../src/probes/backup/file-times.js'
import { tempTree } from '../../helpers/temp-tree.js'

const unbounded = () => ({ signal: new AbortController().signal, deadline: Date.now() + 60_000 })
const mtime = (stats: { mtimeMs: number }) => stats.mtimeMs

describe('newestFileTime', () => {
  it('returns the newest time over many files', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`f${i}`, { content: '', mtime: new Date(Date.UTC(2026, 0, 1 + i)) }]),
    )
    const root = await tempTree(files)

    const result = await newestFileTime(Object.keys(files).map((name) => path.join(root, name)), mtime, unbounded())

    expect(result).toEqual({ newestMs: Date.UTC(2026, 0, 100), interrupted: false })
  })

  it('skips a file that vanished between the listing and the stat', async () => {
    const root = await tempTree({ kept: { content: '', mtime: new Date('2026-11-01T00:00:00Z') } })

    const result = await newestFileTime([path.join(root, 'gone'), path.join(root, 'kept')], mtime, unbounded())

    expect(result.newestMs).toBe(Date.parse('2026-11-01T00:00:00Z'))
  })

  it('does not date a path that became a symbolic link', async () => {
    const root = await tempTree({ target: { content: '', mtime: new Date('2026-11-01T00:00:00Z') } })
    await symlink(path.join(root, 'target'), path.join(root, 'link'))

    expect((await newestFileTime([path.join(root, 'link')], mtime, unbounded())).newestMs).toBeNull()
  })

  it('stops at the deadline and says so', async () => {
    const root = await tempTree({ a: '' })

    const result = await newestFileTime([path.join(root, 'a')], mtime, {
      signal: new AbortController().signal,
      deadline: Date.now() - 1,
    })

    expect(result).toEqual({ newestMs: null, interrupted: true })
  })

  it('stops when the probe is aborted and says so', async () => {
    const root = await tempTree({ a: '' })
    const aborted = new AbortController()
    aborted.abort()

    const result = await newestFileTime([path.join(root, 'a')], mtime, {
      signal: aborted.signal,
      deadline: Date.now() + 60_000,
    })

    expect(result).toEqual({ newestMs: null, interrupted: true })
  })
})
