// Tests the updates probe on Debian-like system roots: the apt command, index age, reboot flag and failures.
import { describe, expect, it } from 'vitest'
import { commandStub } from '../../helpers/command-stub.js'
import { CAPTURE_DAY } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { APT_COMMAND, aptRoot, collect, DPKG_CHANGED, fixture, recordingOptions, setDirMtime } from './updates-test-kit.js'

/** What apt prints when nothing is pending (LC_ALL=C). */
const NOTHING_PENDING = '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n'

const LISTS_UPDATED = new Date('2026-11-29T07:08:00Z')

describe('updates probe with apt', () => {
  it('runs the apt simulation through ctx.run, leaving the C locale to it, and reports the counts', async () => {
    const stub = commandStub().on(APT_COMMAND, { stdout: await fixture('apt_s_upgrade.txt') })
    const recorded = recordingOptions(stub.run)
    const facts = await collect({ host: { systemRoot: await aptRoot() }, run: recorded.run })
    expect(facts).toMatchObject({ packageManager: 'apt', pendingUpdates: 138, pendingSecurityUpdates: 87 })
    expect(stub.calls).toEqual([APT_COMMAND])
    // the runner sets LC_ALL=C; an env of our own must not bring a translated locale back
    const env = recorded.options[0]?.env ?? {}
    expect(Object.keys(env).filter((name) => /^(LC_|LANG)/.test(name))).toEqual([])
    stub.assertAllUsed()
  })

  it('dates the index by the lists directory, not by the InRelease files (the server’s Last-Modified)', async () => {
    const root = await aptRoot()
    await setDirMtime(root, 'var/lib/apt/lists', LISTS_UPDATED)
    const stub = commandStub().on(APT_COMMAND, { stdout: NOTHING_PENDING })
    const facts = await collect({ host: { systemRoot: root }, run: stub.run })
    expect(facts.indexRefreshedAt).toBe(LISTS_UPDATED.toISOString())
    expect(facts.indexAgeDays).toBe(0)
  })

  it('prefers the update-success-stamp and counts whole days to the clock', async () => {
    const stamp = new Date('2026-11-20T06:10:20Z')
    const root = await aptRoot({ 'var/lib/apt/periodic/update-success-stamp': { mtime: stamp } })
    await setDirMtime(root, 'var/lib/apt/lists', LISTS_UPDATED)
    const stub = commandStub().on(APT_COMMAND, { stdout: NOTHING_PENDING })
    const facts = await collect({ host: { systemRoot: root }, run: stub.run, now: CAPTURE_DAY })
    expect(facts.indexRefreshedAt).toBe(stamp.toISOString())
    expect(facts.indexAgeDays).toBe(9)
  })

  it('has no index date when neither the stamp nor the lists directory exists', async () => {
    const root = await tempTree({ 'usr/bin/apt-get': '' })
    const stub = commandStub().on(APT_COMMAND, { stdout: NOTHING_PENDING })
    const facts = await collect({ host: { systemRoot: root }, run: stub.run })
    expect(facts).toMatchObject({ pendingUpdates: 0, indexRefreshedAt: null, indexAgeDays: null })
  })

  const rebootFlags = ['var/run/reboot-required', 'run/reboot-required']
  it.each(rebootFlags)('reports a pending reboot when %s exists', async (flag) => {
    const root = await aptRoot({ [flag]: '*** System restart required ***\n' })
    const stub = commandStub().on(APT_COMMAND, { stdout: NOTHING_PENDING })
    expect((await collect({ host: { systemRoot: root }, run: stub.run })).rebootRequired).toBe(true)
  })

  it('reports no pending reboot when the flag file is absent', async () => {
    const stub = commandStub().on(APT_COMMAND, { stdout: NOTHING_PENDING })
    expect((await collect({ host: { systemRoot: await aptRoot() }, run: stub.run })).rebootRequired).toBe(false)
  })

  it('keeps the other facts when apt-get fails: the counts are unknown, not zero', async () => {
    const root = await aptRoot()
    await setDirMtime(root, 'var/lib/apt/lists', LISTS_UPDATED)
    const stub = commandStub().on(APT_COMMAND, { exitCode: 100, stderr: 'E: The package cache file is corrupted' })
    const facts = await collect({ host: { systemRoot: root }, run: stub.run })
    expect(facts).toEqual({
      packageManager: 'apt',
      pendingUpdates: null,
      pendingSecurityUpdates: null,
      securityPackages: [],
      indexRefreshedAt: LISTS_UPDATED.toISOString(),
      indexAgeDays: 0,
      rebootRequired: false,
      lastInstalledAt: DPKG_CHANGED.toISOString(),
      lastInstalledAgeDays: 9,
      updatesDisabled: null,
      problems: [expect.stringContaining('apt-get -s -o Debug::NoLocking=1 dist-upgrade: exit code 100 (E: The package cache file is corrupted)')],
    })
  })

  it('keeps the other facts when apt-get times out', async () => {
    const stub = commandStub().on(APT_COMMAND, { timedOut: true, stdout: 'Reading package lists...\n' })
    const facts = await collect({ host: { systemRoot: await aptRoot() }, run: stub.run })
    expect(facts).toMatchObject({ packageManager: 'apt', pendingUpdates: null, rebootRequired: false })
  })

  it('reports no package manager, and runs nothing, when apt-get, dnf and zypper are all absent', async () => {
    const root = await tempTree({ 'var/lib/dpkg/status': '', 'etc/os-release': 'ID=alpine\n' })
    const stub = commandStub()
    const facts = await collect({ host: { systemRoot: root }, run: stub.run })
    expect(facts).toEqual({
      packageManager: null,
      pendingUpdates: null,
      pendingSecurityUpdates: null,
      securityPackages: [],
      indexRefreshedAt: null,
      indexAgeDays: null,
      rebootRequired: null,
      lastInstalledAt: null,
      lastInstalledAgeDays: null,
      updatesDisabled: null,
      problems: ['no apt-get, dnf or zypper found'],
    })
    expect(stub.calls).toEqual([])
  })
})

describe('apt printing something else', () => {
  it('reports the pending count as unknown, with the reason, rather than nothing pending', async () => {
    const stub = commandStub().on(APT_COMMAND, { stdout: '\u0007\u0000garbage from a broken apt\n' })
    const facts = await collect({ host: { systemRoot: await aptRoot() }, run: stub.run })
    expect(facts.pendingUpdates).toBeNull()
    expect(facts.problems).toContain('apt-get -s -o Debug::NoLocking=1 dist-upgrade: output is not what apt prints (no summary line)')
  })
})
