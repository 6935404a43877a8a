// The antivirus probe on a Mac: XProtect dated by its bundles and the install history, Gatekeeper as its real-time switch.
import { describe, expect, it } from 'vitest'
import { antivirusProbe } from '../../../src/probes/antivirus/index.js'
import type { AntivirusFacts } from '../../../src/probes/antivirus/schema.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import type { TreeFile } from '../../helpers/temp-tree.js'
import { collectOnMac, macFixture, plistDict } from '../macos/macos-test-kit.js'

const SPCTL = 'spctl --status'
const ON: StubAnswer = { stdout: 'assessments enabled\n' }
const OFF: StubAnswer = { exitCode: 1, stdout: 'assessments disabled\n' }
const BUNDLE = 'Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist'
const PROTECTED = 'private/var/protected/xprotect/XProtect.bundle/Contents/Info.plist'
const HISTORY = 'Library/Receipts/InstallHistory.plist'

/** The bundle's Info.plist as a file modified at `at` (the version is what eclecticlight.co reports for late 2026). */
function bundle(at: string): TreeFile {
  return { content: plistDict({ CFBundleShortVersionString: '5322' }), mtime: new Date(at) }
}

async function collect(system: Record<string, string | TreeFile>, spctl: StubAnswer = ON): Promise<AntivirusFacts> {
  return collectOnMac(antivirusProbe, { system, commands: [[SPCTL, spctl]] })
}

describe('antivirus probe on macOS', () => {
  it('dates XProtect by its bundle, newer than the last XProtectPlistConfigData install, with Gatekeeper on', async () => {
    const facts = await collect({ [BUNDLE]: bundle('2026-11-28T07:00:00Z'), [HISTORY]: await macFixture('InstallHistory.plist') })
    expect(facts).toEqual({
      products: [
        {
          name: 'XProtect',
          kind: 'xprotect',
          realTimeProtection: true,
          signaturesUpdatedAt: '2026-11-28T07:00:00.000Z',
          signaturesAgeDays: 1,
          upToDate: null,
        },
      ],
      problems: [],
    })
  })

  it('takes the install history when it is newer, and the copy macOS 15 keeps in /var/protected when readable', async () => {
    const history = await macFixture('InstallHistory.plist')
    const fromHistory = await collect({ [BUNDLE]: bundle('2026-11-01T00:00:00Z'), [HISTORY]: history })
    expect(fromHistory.products[0]).toMatchObject({ signaturesUpdatedAt: '2026-11-27T20:15:52.000Z', signaturesAgeDays: 1 })
    const sequoia = await collect({
      [BUNDLE]: bundle('2026-11-01T00:00:00Z'),
      [PROTECTED]: bundle('2026-11-29T06:00:00Z'),
      [HISTORY]: history,
    })
    expect(sequoia.products[0]).toMatchObject({ signaturesUpdatedAt: '2026-11-29T06:00:00.000Z', signaturesAgeDays: 0 })
  })

  it('reports old signatures and Gatekeeper off as they are', async () => {
    const history = (await macFixture('InstallHistory.plist')).replace('2026-11-27T20:15:52Z', '2026-09-30T10:00:00Z')
    const facts = await collect({ [BUNDLE]: bundle('2026-09-30T09:00:00Z'), [HISTORY]: history }, OFF)
    expect(facts.products[0]).toMatchObject({ realTimeProtection: false, signaturesAgeDays: 60 })
    expect(facts.problems).toEqual([])
  })

  it('lists XProtect with nothing known, and says why, when no source answers', async () => {
    // A file where the folder should be: stat fails with ENOTDIR, standing in for the root-only
    // EACCES of /var/protected (the tests may run as root, which permissions do not stop).
    const facts = await collect({ 'private/var/protected/xprotect': 'not a folder' }, { notFound: true })
    expect(facts.products).toEqual([
      {
        name: 'XProtect',
        kind: 'xprotect',
        realTimeProtection: null,
        signaturesUpdatedAt: null,
        signaturesAgeDays: null,
        upToDate: null,
      },
    ])
    expect(facts.problems).toEqual([
      `/${PROTECTED}: ENOTDIR`,
      '/Library/Receipts/InstallHistory.plist: ENOENT',
      'spctl --status: command not found',
    ])
  })

  it('does not take output it does not know for an answer', async () => {
    const facts = await collect({ [BUNDLE]: bundle('2026-11-28T07:00:00Z') }, { stdout: 'spctl: internal error\n' })
    expect(facts.products[0]!.realTimeProtection).toBeNull()
    expect(facts.problems).toContain('spctl --status: unexpected output "spctl: internal error"')
  })
})
