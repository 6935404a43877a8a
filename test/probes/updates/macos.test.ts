// The updates probe on a Mac: softwareupdate -l with its own limit, the install history, Software Update's settings.
import { describe, expect, it } from 'vitest'
import type { RunOptions } from '../../../src/core/runner.js'
import { updatesProbe } from '../../../src/probes/updates/index.js'
import { SOFTWAREUPDATE_TIMEOUT_MS } from '../../../src/probes/updates/macos.js'
import type { UpdatesFacts } from '../../../src/probes/updates/schema.js'
import { classifyItem, parseSoftwareUpdateList } from '../../../src/probes/updates/softwareupdate-macos.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { macContext, macFixture, SYSTEM_VERSION } from '../macos/macos-test-kit.js'
import { recordingOptions } from './updates-test-kit.js'

const SOFTWAREUPDATE = 'softwareupdate -l'
const SETTINGS = 'Library/Preferences/com.apple.SoftwareUpdate.plist'
const HISTORY = 'Library/Receipts/InstallHistory.plist'

interface UpdatesMac {
  softwareupdate: StubAnswer
  system?: Record<string, string>
  /** The running release; 15.1 unless told. */
  version?: string
}

async function collect(mac: UpdatesMac): Promise<{ facts: UpdatesFacts; options: Array<RunOptions | undefined> }> {
  const stub = commandStub().on(SOFTWAREUPDATE, mac.softwareupdate)
  const recorded = recordingOptions(stub.run)
  const release = (await macFixture('SystemVersion-15.1.plist')).replaceAll('15.1', mac.version ?? '15.1')
  const system = {
    [SYSTEM_VERSION]: release,
    [SETTINGS]: await macFixture('SoftwareUpdate.plist'),
    [HISTORY]: await macFixture('InstallHistory.plist'),
    ...mac.system,
  }
  const ctx = await macContext({ system, run: recorded.run })
  const facts = updatesProbe.schema.parse(await updatesProbe.collect.macos!(ctx))
  stub.assertAllUsed()
  return { facts, options: recorded.options }
}

describe('updates probe on macOS', () => {
  it('counts a pending macOS security update and Safari, not the offer of the next major release', async () => {
    const listing = { stdout: await macFixture('softwareupdate-sequoia.txt') }
    const { facts, options } = await collect({ softwareupdate: listing })
    expect(facts).toEqual({
      packageManager: 'softwareupdate',
      pendingUpdates: 3,
      pendingSecurityUpdates: 2,
      securityPackages: ['Safari 26.1', 'macOS Sequoia 15.7.2'],
      indexRefreshedAt: '2026-11-29T02:14:31.000Z',
      indexAgeDays: 0,
      rebootRequired: null,
      lastInstalledAt: '2026-11-10T03:02:44.000Z',
      lastInstalledAgeDays: 19,
      updatesDisabled: false,
      problems: [],
    })
    expect(options).toEqual([{ timeoutMs: SOFTWAREUPDATE_TIMEOUT_MS }])
  })

  it('counts the security response "(a)" of the running release, on the listing recorded on macOS 26.7', async () => {
    const listing = { stdout: await macFixture('softwareupdate-tahoe.txt') }
    const { facts } = await collect({ softwareupdate: listing, version: '26.7' })
    expect(facts).toMatchObject({
      pendingUpdates: 3,
      pendingSecurityUpdates: 3,
      securityPackages: ['Safari 27.0', 'macOS Tahoe 26.7.1', 'macOS Tahoe 26.7.1 (a)'],
    })
  })

  it('reads "No new software available." on stderr as nothing pending, whatever the exit status', async () => {
    for (const exitCode of [0, 1]) {
      const { facts } = await collect({
        softwareupdate: {
          exitCode,
          stdout: await macFixture('softwareupdate-none.stdout.txt'),
          stderr: await macFixture('softwareupdate-none.stderr.txt'),
        },
      })
      expect(facts).toMatchObject({ pendingUpdates: 0, pendingSecurityUpdates: 0, securityPackages: [], problems: [] })
    }
  })

  it('leaves the counts unknown, with the reason, when softwareupdate times out; keeps the last install', async () => {
    const { facts } = await collect({ softwareupdate: { timedOut: true } })
    expect(facts).toMatchObject({
      pendingUpdates: null,
      pendingSecurityUpdates: null,
      lastInstalledAgeDays: 19,
      problems: ['softwareupdate -l: timed out'],
    })
  })

  it('does not take an output it does not understand for "nothing pending"', async () => {
    const offline = { exitCode: 1, stderr: 'Cannot connect to the software update server\n' }
    const { facts } = await collect({ softwareupdate: offline })
    expect(facts.pendingUpdates).toBeNull()
    expect(facts.problems).toEqual([
      'softwareupdate -l: exit code 1 (Cannot connect to the software update server): no list of updates in its output',
    ])
  })

  it('reports updates switched off, and the age of the last successful check', async () => {
    const { facts } = await collect({
      softwareupdate: { stderr: 'No new software available.\n' },
      system: { [SETTINGS]: await macFixture('SoftwareUpdate-disabled.plist') },
    })
    expect(facts).toMatchObject({ updatesDisabled: true, indexAgeDays: 118 })
    expect(facts.indexRefreshedAt).toBe('2026-08-03T01:00:00.000Z')
  })

  it('fails with the reasons when nothing at all can be read', async () => {
    const stub = commandStub().on(SOFTWAREUPDATE, { timedOut: true })
    const ctx = await macContext({ run: stub.run })
    await expect(updatesProbe.collect.macos!(ctx)).rejects.toThrow(
      /nothing could be read from softwareupdate: softwareupdate -l: timed out; .*SoftwareUpdate\.plist: ENOENT/,
    )
  })

  it('allows the probe more time on macOS than softwareupdate gets', () => {
    expect(updatesProbe.timeoutMsOn?.macos).toBeGreaterThan(SOFTWAREUPDATE_TIMEOUT_MS)
  })
})

describe('softwareupdate -l parser', () => {
  it('returns null for the pre-Catalina format it does not read, rather than "nothing pending"', () => {
    const old = 'Software Update found the following new or updated software:\n   * Safari7.1Mavericks-7.1\n' +
      '        Safari (7.1), 59574K [recommended]\n'
    expect(parseSoftwareUpdateList(old)).toBeNull()
  })

  it.each([
    [{ label: 'SecUpd2021-004Mojave-1.0', title: 'Security Update 2021-004 Mojave', version: '1.0' }, 15, 'security'],
    [{ label: 'macOS Sequoia 15.7.2-24G325', title: 'macOS Sequoia 15.7.2', version: '15.7.2' }, null, 'security'],
    [{ label: 'macOS Tahoe 26.1-25B78', title: 'macOS Tahoe 26.1', version: '26.1' }, 15, 'upgrade'],
    [{ label: 'Command Line Tools for Xcode-16.4', title: 'Command Line Tools', version: '16.4' }, 15, 'other'],
  ])('classifies %o on major %s as %s', (item, runningMajor, kind) => {
    expect(classifyItem(item, runningMajor)).toBe(kind)
  })
})
