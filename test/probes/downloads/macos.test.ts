// The downloads probe on a Mac: the English-named folders, the quarantine mark read in one xattr call, TCC refusals.
import type { PathLike } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { downloadsProbe } from '../../../src/probes/downloads/index.js'
import { isDownloadMark, parseXattrValues } from '../../../src/probes/downloads/quarantine-macos.js'
import type { DownloadsFacts } from '../../../src/probes/downloads/schema.js'
import { commandStub, type CommandStub } from '../../helpers/command-stub.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { macContext } from '../macos/macos-test-kit.js'

/** Folders whose listing macOS refuses, as TCC does to ~/Downloads without Full Disk Access (root ignores chmod). */
const refused = vi.hoisted(() => new Set<string>())

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>()
  const original = actual.readdir as unknown as (...args: unknown[]) => void
  const readdir = (dir: PathLike, ...rest: unknown[]): void => {
    const callback = rest.at(-1) as (error: NodeJS.ErrnoException) => void
    if (!refused.has(String(dir))) return original(dir, ...rest)
    const message = `EPERM: operation not permitted, scandir '${String(dir)}'`
    const error = Object.assign(new Error(message), { code: 'EPERM' })
    process.nextTick(() => callback(error))
  }
  return { ...actual, default: { ...actual, readdir }, readdir }
})

const day = (date: string): Date => new Date(`${date}T08:00:00Z`)
/** macOS hands file names out decomposed (NFD); the probe must still match and classify them. */
const INVOICE = 'Hóa đơn tháng 11.pdf.exe'.normalize('NFD')
const ATTRIBUTE = 'com.apple.quarantine'

async function officeHome(): Promise<string> {
  return tempTree({
    'Downloads/Telegram Desktop/DichVuCong.dmg': { content: 'x', mtime: day('2026-11-28') },
    [`Downloads/${INVOICE}`]: { content: 'MZ', mtime: day('2026-11-27') },
    'Downloads/VNeID.apk': { content: 'x', mtime: day('2026-11-26') },
    'Downloads/Installer.pkg': { content: 'x', mtime: day('2026-11-25') },
    'Downloads/bao-cao.pdf': 'không nguy hiểm',
    'Desktop/ghi-chu.command': { content: 'echo', mtime: day('2026-11-24') },
    'Documents/Zalo Received Files/hop-dong.docm': { content: 'x', mtime: day('2026-11-23') },
  })
}

async function collect(home: string, stub: CommandStub, extra: string[] = []): Promise<DownloadsFacts> {
  const ctx = await macContext({ home, run: stub.run, settings: { downloadsExtraPaths: extra } })
  const facts = downloadsProbe.schema.parse(await downloadsProbe.collect.macos!(ctx))
  stub.assertAllUsed()
  return facts
}

describe('downloads probe on macOS', () => {
  it('lists risky files of every folder and marks those a browser, AirDrop or messenger downloaded', async () => {
    const home = await officeHome()
    const files = [
      'Downloads/Telegram Desktop/DichVuCong.dmg',
      `Downloads/${INVOICE}`,
      'Downloads/VNeID.apk',
      'Downloads/Installer.pkg',
      'Desktop/ghi-chu.command',
      'Documents/Zalo Received Files/hop-dong.docm',
    ].map((file) => path.join(home, file))
    const [telegram, invoice, apk, pkg, command, zalo] = files as [string, string, string, string, string, string]
    const stub = commandStub().on(['xattr', '-p', ATTRIBUTE, ...files].join(' '), {
      exitCode: 1,
      stdout: [
        `${telegram}: 0083;674a1b2c;Telegram;9C3F4A52-1B7E-4D0A-8E22-0F6A7B8C9D01`,
        `${invoice}: 0083;6747c0e1;Safari;BC4DFC58-0D26-460D-9688-81D119298642`,
        `${apk}: 0081;67466f60;sharingd;3B9296C0-C6F4-49B3-BAC1-BCB229FFE7D6`,
        `${command}: 0082;67431b9a;TextEdit;`,
        `${zalo}: 0083;6741ca1f;Zalo;55847AA4-5562-42A2-89A7-8FAD394B455C`,
        '',
      ].join('\n'),
      stderr: `xattr: ${pkg}: No such xattr: ${ATTRIBUTE}\n`,
    })
    const facts = await collect(home, stub)
    expect(facts.roots).toEqual([
      { path: path.join(home, 'Downloads'), kind: 'downloads', state: 'scanned' },
      { path: path.join(home, 'Desktop'), kind: 'desktop', state: 'scanned' },
      { path: path.join(home, 'Documents/Zalo Received Files'), kind: 'zalo', state: 'scanned' },
      { path: path.join(home, 'Downloads/Telegram Desktop'), kind: 'telegram', state: 'scanned' },
    ])
    expect(facts.files.map((file) => [path.basename(file.path), file.root, file.reasons])).toEqual([
      ['DichVuCong.dmg', 'telegram', ['disk-image', 'internet-origin']],
      [INVOICE, 'downloads', ['executable', 'double-extension', 'internet-origin']],
      ['VNeID.apk', 'downloads', ['android-package', 'internet-origin']],
      ['Installer.pkg', 'downloads', ['installer']],
      ['ghi-chu.command', 'desktop', ['script']],
      ['hop-dong.docm', 'zalo', ['office-macro', 'internet-origin']],
    ])
    expect(facts.files.every((file) => file.originUrl === null && file.zoneId === null)).toBe(true)
    expect(facts).toMatchObject({ filesTotal: 6, originChecked: true })
  })

  it('reports ~/Downloads unreadable when macOS refuses it (no Full Disk Access), and goes on', async () => {
    const home = await officeHome()
    refused.add(path.join(home, 'Downloads'))
    try {
      const stub = commandStub().on(/^xattr -p com\.apple\.quarantine \//, { exitCode: 1 })
      const facts = await collect(home, stub, ['~/Zalo PC'])
      // Telegram Desktop, inside the refused folder, takes its state from the plan, not from a walk: left out here.
      const walked = facts.roots.filter((root) => root.kind !== 'telegram')
      const states = walked.map((root) => [path.relative(home, root.path), root.state])
      expect(states).toEqual([
        ['Downloads', 'unreadable'],
        ['Desktop', 'scanned'],
        ['Documents/Zalo Received Files', 'scanned'],
        ['Zalo PC', 'missing'],
      ])
      expect(facts.files.map((file) => path.basename(file.path))).toEqual(['ghi-chu.command', 'hop-dong.docm'])
    } finally {
      refused.clear()
    }
  })

  it('still lists the files, without origins, when xattr cannot run', async () => {
    const home = await tempTree({ 'Downloads/AnyDesk.dmg': 'x' })
    const facts = await collect(home, commandStub().on(/^xattr /, { notFound: true }))
    expect(facts.files.map((file) => file.reasons)).toEqual([['disk-image']])
    expect(facts.originChecked).toBe(false)
  })

  it('starts no process when no file is risky', async () => {
    const facts = await collect(await tempTree({ 'Downloads/cong-van.pdf': 'x', 'Desktop/': '' }), commandStub())
    expect(facts).toMatchObject({ files: [], originChecked: true })
  })
})

describe('xattr output', () => {
  it('matches values to files in argument order, even when a name holds ": " or a newline', () => {
    const files = ['/Users/an/Downloads/a: b.exe', '/Users/an/Downloads/c\nd.exe', '/Users/an/Downloads/e.exe']
    const stdout = `${files[0]}: 0083;1;Safari;X\n${files[2]}: 0081;2;sharingd;Y\n`
    expect(parseXattrValues(stdout, files)).toEqual(
      new Map([
        [files[0], '0083;1;Safari;X'],
        [files[2], '0081;2;sharingd;Y'],
      ]),
    )
  })

  it('reads the bare value xattr prints for a single file', () => {
    const value = '0083;5991b778;Safari.app;BC4D'
    expect(parseXattrValues(`${value}\n`, ['/x.exe'])).toEqual(new Map([['/x.exe', value]]))
    expect(parseXattrValues('', ['/x.exe'])).toEqual(new Map())
  })

  it.each([
    ['0083;5991b778;Safari.app;BC4DFC58-0D26-460D-9688-81D119298642', true],
    ['00C1;607842eb;Brave;F643CD5F-6071-46AB-83AB-390BA944DEC5', true],
    ['0082;5cb39b1a;Preview;', false],
    ['garbage', false],
  ])('%s is a download mark: %s', (value, expected) => {
    expect(isDownloadMark(value)).toBe(expected)
  })
})
