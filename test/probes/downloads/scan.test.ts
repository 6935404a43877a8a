/** The download walk: nested and duplicate roots, caps, links, odd names, ordering and the list limit. */
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CandidateRoot } from '../../../src/probes/downloads/roots.js'
import { FILES_LIMIT, scanDownloads, type OriginReader } from '../../../src/probes/downloads/scan.js'
import { DownloadsFactsSchema } from '../../../src/probes/downloads/schema.js'
import type { ProbeSettings } from '../../../src/probes/probe.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const noOrigins: OriginReader = async () => ({ checked: true, origins: new Map() })
const day = (date: string): Date => new Date(`${date}T08:00:00Z`)

async function scan(candidates: CandidateRoot[], settings: Partial<ProbeSettings> = {}, readOrigins = noOrigins) {
  const facts = await scanDownloads(testContext({ settings }), candidates, { platform: 'linux', readOrigins })
  return DownloadsFactsSchema.parse(facts)
}

describe('scanDownloads', () => {
  it('lists risky files of every root, newest first, with size and age, and walks a nested root once', async () => {
    const home = await tempTree({
      'Downloads/hoa-don.pdf.exe': { content: 'MZ', mtime: day('2026-11-20') },
      'Downloads/ghi chú.txt': { content: 'x', mtime: day('2026-11-28') },
      'Downloads/Telegram Desktop/DichVuCong.APK': { content: 'PK..', mtime: day('2026-11-28') },
      'Downloads/thang 11/bao-cao.docm': { content: '', mtime: day('2026-10-30') },
      'Desktop/UltraViewer_setup.EXE': { content: 'MZ...', mtime: day('2026-11-01') },
      'Documents/Zalo Received Files/VNeID.apk': { content: 'PK', mtime: day('2026-11-25') },
      'USB/CaiDat.msi': { content: '', mtime: day('2026-11-29') },
    })
    const facts = await scan([
      { path: path.join(home, 'Downloads'), kind: 'downloads' },
      { path: path.join(home, 'Desktop'), kind: 'desktop' },
      { path: path.join(home, 'Documents/Zalo Received Files'), kind: 'zalo' },
      { path: path.join(home, 'Zalo Received Files'), kind: 'zalo' },
      { path: path.join(home, 'Downloads/Telegram Desktop'), kind: 'telegram' },
      { path: path.join(home, 'USB'), kind: 'extra' },
    ])
    expect(facts.roots).toEqual([
      { path: path.join(home, 'Downloads'), kind: 'downloads', state: 'scanned' },
      { path: path.join(home, 'Desktop'), kind: 'desktop', state: 'scanned' },
      { path: path.join(home, 'Documents/Zalo Received Files'), kind: 'zalo', state: 'scanned' },
      { path: path.join(home, 'Zalo Received Files'), kind: 'zalo', state: 'missing' },
      { path: path.join(home, 'Downloads/Telegram Desktop'), kind: 'telegram', state: 'scanned' },
      { path: path.join(home, 'USB'), kind: 'extra', state: 'scanned' },
    ])
    expect(facts.files.map((file) => [path.relative(home, file.path), file.root, file.reasons, file.ageDays])).toEqual([
      ['USB/CaiDat.msi', 'extra', ['installer'], 0],
      ['Downloads/Telegram Desktop/DichVuCong.APK', 'telegram', ['android-package'], 1],
      ['Documents/Zalo Received Files/VNeID.apk', 'zalo', ['android-package'], 4],
      ['Downloads/hoa-don.pdf.exe', 'downloads', ['executable', 'double-extension'], 9],
      ['Desktop/UltraViewer_setup.EXE', 'desktop', ['executable'], 28],
      ['Downloads/thang 11/bao-cao.docm', 'downloads', ['office-macro'], 30],
    ])
    expect(facts.files[3]).toMatchObject({ sizeBytes: 2, modifiedAt: '2026-11-20T08:00:00.000Z', originUrl: null })
    expect(facts.filesTotal).toBe(6)
    // Downloads: 2 files, 2 folders, 2 files below them; Desktop 1; Zalo 1; USB 1. Telegram is not read twice.
    expect(facts.entriesScanned).toBe(9)
    expect(facts).toMatchObject({ depthCapReached: false, entryCapReached: false, originChecked: true })
  })

  it('keeps a path listed twice once, under its first kind', async () => {
    const home = await tempTree({ 'Downloads/a.exe': '' })
    const facts = await scan([
      { path: path.join(home, 'Downloads'), kind: 'downloads' },
      { path: path.join(home, 'Downloads') + '/', kind: 'desktop' },
    ])
    expect(facts.roots).toEqual([{ path: path.join(home, 'Downloads'), kind: 'downloads', state: 'scanned' }])
    expect(facts.files).toHaveLength(1)
  })

  it('walks a folder reached by a symbolic link once and reports both roots', async () => {
    const home = await tempTree({ 'Downloads/a.exe': '' })
    await symlink(path.join(home, 'Downloads'), path.join(home, 'Desktop'))
    const facts = await scan([
      { path: path.join(home, 'Downloads'), kind: 'downloads' },
      { path: path.join(home, 'Desktop'), kind: 'desktop' },
    ])
    expect(facts.roots.map((root) => [root.kind, root.state])).toEqual([
      ['downloads', 'scanned'],
      ['desktop', 'scanned'],
    ])
    expect(facts.files.map((file) => [path.relative(home, file.path), file.root])).toEqual([
      ['Downloads/a.exe', 'downloads'],
    ])
    expect(facts.entriesScanned).toBe(1)
  })

  it('attributes files to an enclosing extra root and its nested Downloads', async () => {
    const home = await tempTree({ 'Downloads/a.exe': '', 'b.exe': '' })
    const facts = await scan([
      { path: path.join(home, 'Downloads'), kind: 'downloads' },
      { path: home, kind: 'extra' },
    ])
    expect(facts.files.map((file) => [path.basename(file.path), file.root]).sort()).toEqual([
      ['a.exe', 'downloads'],
      ['b.exe', 'extra'],
    ])
    expect(facts.entriesScanned).toBe(3)
  })

  it('stops at the depth cap and says so; a nested root beyond it is walked on its own', async () => {
    const home = await tempTree({
      'Downloads/a/setup.exe': '',
      'Downloads/a/b/c/deep.exe': '',
      'Downloads/a/b/c/Zalo/VNeID.apk': '',
    })
    const capped = await scan([{ path: path.join(home, 'Downloads'), kind: 'downloads' }], { downloadsMaxDepth: 2 })
    expect(capped.files.map((file) => path.basename(file.path))).toEqual(['setup.exe'])
    expect(capped.depthCapReached).toBe(true)

    const withZalo = await scan(
      [
        { path: path.join(home, 'Downloads'), kind: 'downloads' },
        { path: path.join(home, 'Downloads/a/b/c/Zalo'), kind: 'zalo' },
      ],
      { downloadsMaxDepth: 2 },
    )
    expect(withZalo.files.map((file) => [path.basename(file.path), file.root]).sort()).toEqual([
      ['VNeID.apk', 'zalo'],
      ['setup.exe', 'downloads'],
    ])

    const uncapped = await scan([{ path: path.join(home, 'Downloads'), kind: 'downloads' }], { downloadsMaxDepth: 4 })
    expect(uncapped.files).toHaveLength(3)
    expect(uncapped.depthCapReached).toBe(false)
  })

  it('shares the entry cap across roots and says so', async () => {
    const home = await tempTree({
      'Downloads/1.exe': '',
      'Downloads/2.exe': '',
      'Downloads/3.exe': '',
      'Desktop/4.exe': '',
    })
    const roots: CandidateRoot[] = [
      { path: path.join(home, 'Downloads'), kind: 'downloads' },
      { path: path.join(home, 'Desktop'), kind: 'desktop' },
    ]
    const capped = await scan(roots, { downloadsMaxEntries: 3 })
    expect(capped).toMatchObject({ entriesScanned: 3, filesTotal: 3, entryCapReached: true })
    expect(capped.files.every((file) => file.root === 'downloads')).toBe(true)
    const exact = await scan(roots, { downloadsMaxEntries: 4 })
    expect(exact).toMatchObject({ entriesScanned: 4, filesTotal: 4, entryCapReached: false })
  })

  it('stops inside a folder too big to read at once (streamed) at the entry cap', async () => {
    const home = await tempTree({ 'Downloads/': '' })
    const downloads = path.join(home, 'Downloads')
    // ~6,000 long names make an ext4 folder larger than fs-walk's 512 KiB streaming threshold.
    const names = Array.from({ length: 6_000 }, (_, index) => `${'Biên bản cuộc họp giao ban '.repeat(3)}${index}.apk`)
    for (let start = 0; start < names.length; start += 500) {
      await Promise.all(names.slice(start, start + 500).map((name) => writeFile(path.join(downloads, name), '')))
    }
    const facts = await scan([{ path: downloads, kind: 'downloads' }], { downloadsMaxEntries: 1_000 })
    expect(facts).toMatchObject({ entriesScanned: 1_000, filesTotal: 1_000, entryCapReached: true })
    expect(facts.files).toHaveLength(FILES_LIMIT)
  })

  it('does not follow a symbolic link loop or links to files', async () => {
    const home = await tempTree({ 'Downloads/sub/a.exe': '', 'elsewhere/b.exe': '' })
    await symlink(path.join(home, 'Downloads'), path.join(home, 'Downloads/sub/loop'))
    await symlink(path.join(home, 'elsewhere/b.exe'), path.join(home, 'Downloads/b.exe'))
    const facts = await scan([{ path: path.join(home, 'Downloads'), kind: 'downloads' }])
    expect(facts.files.map((file) => path.relative(home, file.path))).toEqual(['Downloads/sub/a.exe'])
    expect(facts.entriesScanned).toBe(4)
  })

  it('lists a file whose name is not valid UTF-8, without size or age', async () => {
    const home = await tempTree({ 'Downloads/hoa-don.pdf.exe': { content: 'MZ', mtime: day('2026-11-20') } })
    // `hà.exe` as a Windows-1258 archive tool writes it: byte 0xE0, not UTF-8
    const downloads = Buffer.from(path.join(home, 'Downloads/'))
    await writeFile(Buffer.concat([downloads, Buffer.from('h'), Buffer.of(0xe0), Buffer.from('.exe')]), 'MZ')
    const facts = await scan([{ path: path.join(home, 'Downloads'), kind: 'downloads' }])
    expect(facts.files.map((file) => [path.basename(file.path), file.sizeBytes])).toEqual([
      ['hoa-don.pdf.exe', 2],
      ['h\uFFFD.exe', null],
    ])
  })

  it('keeps the newest files up to the limit and counts them all', async () => {
    const files: Record<string, { mtime: Date }> = {}
    for (let index = 0; index < FILES_LIMIT + 5; index++) {
      files[`Downloads/f${index}.apk`] = { mtime: new Date(Date.UTC(2026, 0, 1) + index * 60_000) }
    }
    const home = await tempTree(files)
    const asked: string[][] = []
    const facts = await scan([{ path: path.join(home, 'Downloads'), kind: 'downloads' }], {}, async (_, paths) => {
      asked.push([...paths])
      return { checked: true, origins: new Map([[path.join(home, 'Downloads/f504.apk'), { url: 'https://apk.example/x', zoneId: null }]]) }
    })
    expect(facts.filesTotal).toBe(FILES_LIMIT + 5)
    expect(facts.files).toHaveLength(FILES_LIMIT)
    expect(path.basename(facts.files[0]!.path)).toBe('f504.apk')
    expect(path.basename(facts.files.at(-1)!.path)).toBe('f5.apk')
    expect(facts.files[0]).toMatchObject({
      reasons: ['android-package', 'internet-origin'],
      originUrl: 'https://apk.example/x',
    })
    expect(asked).toEqual([facts.files.map((file) => file.path)])
  })

  it('reports missing and unreadable roots', async () => {
    const home = await tempTree({ 'Downloads/a.exe': '', 'file-not-folder': 'x' })
    const facts = await scan([
      { path: path.join(home, 'nowhere'), kind: 'downloads' },
      { path: path.join(home, 'file-not-folder'), kind: 'extra' },
    ])
    expect(facts.roots.map((root) => root.state)).toEqual(['missing', 'missing'])
    expect(facts).toMatchObject({ files: [], filesTotal: 0, entriesScanned: 0 })
  })

  // root reads every folder whatever its mode, so this needs an ordinary user
  it.skipIf(process.getuid?.() === 0)('keeps going past an unreadable folder', async () => {
    const home = await tempTree({ 'Downloads/secret/x.exe': '', 'Downloads/open/y.exe': '', 'Desktop/z.exe': '' })
    await chmod(path.join(home, 'Downloads/secret'), 0o000)
    await mkdir(path.join(home, 'Locked'), { mode: 0o000 })
    try {
      const facts = await scan([
        { path: path.join(home, 'Downloads'), kind: 'downloads' },
        { path: path.join(home, 'Locked'), kind: 'desktop' },
      ])
      expect(facts.roots.map((root) => root.state)).toEqual(['scanned', 'unreadable'])
      expect(facts.files.map((file) => path.basename(file.path))).toEqual(['y.exe'])
    } finally {
      await chmod(path.join(home, 'Downloads/secret'), 0o755)
      await chmod(path.join(home, 'Locked'), 0o755)
    }
  })

  it('fails rather than return a partial list when the probe runs out of time', async () => {
    const home = await tempTree({ 'Downloads/a.exe': '' })
    const controller = new AbortController()
    controller.abort()
    const ctx = testContext({ signal: controller.signal })
    const candidates: CandidateRoot[] = [{ path: path.join(home, 'Downloads'), kind: 'downloads' }]
    await expect(scanDownloads(ctx, candidates, { platform: 'linux', readOrigins: noOrigins })).rejects.toThrow(
      /ran out of time/,
    )
  })
})
