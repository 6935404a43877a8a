/** The downloads probe on a Vietnamese Linux home: folders from user-dirs.dirs, origins from recorded getfattr. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { downloadsProbe } from '../../../src/probes/downloads/index.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const RECORDED_HOME = '/tmp/ward-downloads-sample'
const GETFATTR = /^getfattr --absolute-names -d -e hex -m \^user\\\.xdg\\\.origin\\\.url\$ -- \//
const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../../fixtures/linux/${name}`, import.meta.url), 'utf8')
const day = (date: string): Date => new Date(`${date}T08:00:00Z`)
const [EXE, DOUBLE, ORIGIN] = ['executable', 'double-extension', 'internet-origin'] as const

/** The home the getfattr output was recorded in (see fixtures/linux/downloads/README.md). */
async function vietnameseHome(): Promise<string> {
  return tempTree({
    '.config/user-dirs.dirs': await fixture('user-dirs-vi.txt'),
    'Bản tải về/invoice.pdf.exe': { content: 'MZ...', mtime: day('2026-11-27') },
    'Bản tải về/photo_\u202Egpj.exe': { content: 'x', mtime: day('2026-11-26') },
    'Bản tải về/Hóa đơn tháng 11.pdf.exe': { mtime: day('2026-11-25') },
    'Bản tải về/VNeID.apk': { mtime: day('2026-11-24') },
    'Bản tải về/UltraViewer_setup.EXE': { mtime: day('2026-11-23') },
    'Bản tải về/ke\\toan\nmoi.exe': { mtime: day('2026-11-22') },
    'Bản tải về/Telegram Desktop/DichVuCong.APK': { mtime: day('2026-11-28') },
    'Bản tải về/ghi chú.txt': 'không nguy hiểm',
    'Màn hình nền/': '',
  })
}

async function recordedGetfattr(home: string): Promise<StubAnswer> {
  const stdout = await fixture('downloads/getfattr-origin-hex.txt')
  return { stdout: stdout.replaceAll(RECORDED_HOME, home), exitCode: 1 }
}

describe('downloads probe (linux)', () => {
  it('finds the risky files in the translated folders and their internet origins', async () => {
    const home = await vietnameseHome()
    const stub = commandStub().on(GETFATTR, await recordedGetfattr(home))
    const facts = downloadsProbe.schema.parse(
      await downloadsProbe.collect.linux!(testContext({ host: { homeDir: home }, run: stub.run })),
    )
    stub.assertAllUsed()
    const downloads = path.join(home, 'Bản tải về')
    expect(facts.roots).toEqual([
      { path: downloads, kind: 'downloads', state: 'scanned' },
      { path: path.join(home, 'Màn hình nền'), kind: 'desktop', state: 'scanned' },
      { path: path.join(home, 'Tài liệu', 'Zalo Received Files'), kind: 'zalo', state: 'missing' },
      { path: path.join(home, 'Zalo Received Files'), kind: 'zalo', state: 'missing' },
      { path: path.join(downloads, 'Telegram Desktop'), kind: 'telegram', state: 'scanned' },
      { path: path.join(home, 'Downloads', 'Telegram Desktop'), kind: 'telegram', state: 'missing' },
    ])
    const listed = facts.files.map((file) => [path.relative(downloads, file.path), file.root, file.reasons])
    expect(listed).toEqual([
      ['Telegram Desktop/DichVuCong.APK', 'telegram', ['android-package', ORIGIN]],
      ['invoice.pdf.exe', 'downloads', [EXE, DOUBLE, ORIGIN]],
      ['photo_\u202Egpj.exe', 'downloads', [EXE, 'bidi-override']],
      ['Hóa đơn tháng 11.pdf.exe', 'downloads', [EXE, DOUBLE, ORIGIN]],
      ['VNeID.apk', 'downloads', ['android-package']],
      ['UltraViewer_setup.EXE', 'downloads', [EXE, ORIGIN]],
      ['ke\\toan\nmoi.exe', 'downloads', [EXE, ORIGIN]],
    ])
    expect(facts.files.map((file) => file.originUrl)).toEqual([
      'https://t.me/dichvucong_fake/12',
      'https://example.com/files/invoice.pdf.exe',
      null,
      'https://chat.zalo.me/tải về/Hóa đơn tháng 11.pdf.exe',
      null,
      'https://dl.example.net/UltraViewer_setup.EXE?ref="x"&a=\\b',
      'https://example.org/a',
    ])
    expect(facts).toMatchObject({ filesTotal: 7, entriesScanned: 9, originChecked: true })
  })

  it('still lists the files, without origins, when getfattr is not installed', async () => {
    const home = await vietnameseHome()
    const stub = commandStub().on(GETFATTR, { notFound: true })
    const facts = await downloadsProbe.collect.linux!(testContext({ host: { homeDir: home }, run: stub.run }))
    stub.assertAllUsed()
    expect(facts.originChecked).toBe(false)
    expect(facts.files).toHaveLength(7)
    expect(facts.files.every((file) => file.originUrl === null && !file.reasons.includes('internet-origin'))).toBe(true)
  })

  it('runs no process and reports every folder missing in an empty home', async () => {
    const home = await tempTree()
    const facts = await downloadsProbe.collect.linux!(testContext({ host: { homeDir: home } }))
    expect(facts.roots.map((root) => [path.relative(home, root.path), root.state])).toEqual([
      ['Downloads', 'missing'],
      ['Desktop', 'missing'],
      ['Documents/Zalo Received Files', 'missing'],
      ['Zalo Received Files', 'missing'],
      ['Downloads/Telegram Desktop', 'missing'],
    ])
    expect(facts).toMatchObject({ files: [], filesTotal: 0, entriesScanned: 0, originChecked: true })
  })

  it('is declared for the three platforms, with a 30 s budget (longer on Windows, behind PowerShell)', () => {
    expect(downloadsProbe).toMatchObject({ id: 'downloads', timeoutMs: 30_000, timeoutMsOn: { windows: 90_000 } })
    expect(Object.entries(downloadsProbe.collect).filter(([, collect]) => collect).map(([platform]) => platform)).toEqual([
      'linux',
      'windows',
      'macos',
    ])
  })
})
