// Tests the memo of apt's simulation: reused while every input is unchanged, invalidated by any change.
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CommandRunner } from '../../../src/core/runner.js'
import { commandStub } from '../../helpers/command-stub.js'
import { tempTree, writeTree } from '../../helpers/temp-tree.js'
import { APT_COMMAND, aptRoot, collect, fixture } from './updates-test-kit.js'

const CAPTURED_COUNTS = { packageManager: 'apt', pendingUpdates: 138, pendingSecurityUpdates: 87 }

/** Runs the probe with apt answering the captured output; returns the facts and the commands run. */
async function collectRunningApt(systemRoot: string, cacheDir: string | null, arch = 'x64') {
  const stub = commandStub().on(APT_COMMAND, { stdout: await fixture('apt_s_upgrade.txt') })
  const facts = await collect({ host: { systemRoot, arch }, run: stub.run, cacheDir })
  stub.assertAllUsed()
  return facts
}

/** Runs the probe with a stub that knows no command: any run fails the test. */
async function collectFromMemo(systemRoot: string, cacheDir: string, arch = 'x64') {
  const stub = commandStub()
  const facts = await collect({ host: { systemRoot, arch }, run: stub.run, cacheDir })
  expect(stub.calls).toEqual([])
  return facts
}

async function memoSetup(): Promise<{ root: string; cacheDir: string }> {
  const root = await aptRoot()
  const cacheDir = path.join(await tempTree(), 'cache')
  await collectRunningApt(root, cacheDir)
  return { root, cacheDir }
}

describe('apt simulation memo', () => {
  it('answers a second run from the memo without starting apt-get', async () => {
    const { root, cacheDir } = await memoSetup()
    expect(await collectFromMemo(root, cacheDir)).toMatchObject(CAPTURED_COUNTS)
    expect((await collectFromMemo(root, cacheDir)).securityPackages).toHaveLength(50)
  })

  it('writes one memo file atomically, leaving no temp file behind', async () => {
    const { cacheDir } = await memoSetup()
    expect(await readdir(cacheDir)).toEqual(['updates-apt.json'])
    expect(JSON.parse(await readFile(path.join(cacheDir, 'updates-apt.json'), 'utf8'))).toMatchObject({
      value: { pendingUpdates: 138, pendingSecurityUpdates: 87 },
    })
  })

  it('runs apt again after dpkg/status is touched (a package was installed)', async () => {
    const { root, cacheDir } = await memoSetup()
    const later = new Date('2026-11-29T08:00:00Z')
    await utimes(path.join(root, 'var/lib/dpkg/status'), later, later)
    expect(await collectRunningApt(root, cacheDir)).toMatchObject(CAPTURED_COUNTS)
    // and the new memo serves the next run
    await collectFromMemo(root, cacheDir)
  })

  it('runs apt again when dpkg/status is rewritten at the same size with its old mtime put back', async () => {
    const written = new Date('2026-11-01T00:00:00Z')
    const status = 'Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u11\n'
    const root = await aptRoot({ 'var/lib/dpkg/status': { content: status, mtime: written } })
    const cacheDir = path.join(await tempTree(), 'cache')
    await collectRunningApt(root, cacheDir)
    const statusFile = path.join(root, 'var/lib/dpkg/status')
    await writeFile(statusFile, status.replace('deb12u11', 'deb12u15'))
    await utimes(statusFile, written, written)
    await collectRunningApt(root, cacheDir)
  })

  it.each([
    ['a new list is downloaded', 'var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease'],
    ['a source is added', 'etc/apt/sources.list.d/backports.sources'],
    ['a pin is added', 'etc/apt/preferences.d/pin-firefox'],
    ['an apt option is added', 'etc/apt/apt.conf.d/99proxy'],
    ['sources.list is created', 'etc/apt/sources.list'],
    ['apt_preferences is created', 'etc/apt/preferences'],
  ])('runs apt again when %s', async (_change, file) => {
    const { root, cacheDir } = await memoSetup()
    await writeTree(root, { [file]: 'new content\n' })
    await collectRunningApt(root, cacheDir)
  })

  it('runs apt again when a list is removed', async () => {
    const { root, cacheDir } = await memoSetup()
    await rm(path.join(root, 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease'))
    await collectRunningApt(root, cacheDir)
  })

  it('runs apt again on another architecture', async () => {
    const { root, cacheDir } = await memoSetup()
    await collectRunningApt(root, cacheDir, 'arm64')
  })

  it('never serves counts apt computed while its inputs were changing', async () => {
    const root = await aptRoot()
    const cacheDir = path.join(await tempTree(), 'cache')
    const stub = commandStub().on(APT_COMMAND, { stdout: await fixture('apt_s_upgrade.txt') })
    // dpkg finishes an install while apt-get -s reads the status file
    const run: CommandRunner = async (command, args, options) => {
      await writeFile(path.join(root, 'var/lib/dpkg/status'), 'Package: base-files\nStatus: install ok installed\n')
      return stub.run(command, args, options)
    }
    await collect({ host: { systemRoot: root }, run, cacheDir })
    await collectRunningApt(root, cacheDir)
  })

  it('does not memoize a failed simulation', async () => {
    const root = await aptRoot()
    const cacheDir = path.join(await tempTree(), 'cache')
    const failing = commandStub().on(APT_COMMAND, { exitCode: 100, stderr: 'E: Unmet dependencies.' })
    expect(await collect({ host: { systemRoot: root }, run: failing.run, cacheDir })).toMatchObject({
      pendingUpdates: null,
    })
    expect(await collectRunningApt(root, cacheDir)).toMatchObject(CAPTURED_COUNTS)
  })

  it('ignores a corrupt memo and replaces it', async () => {
    const { root, cacheDir } = await memoSetup()
    await writeFile(path.join(cacheDir, 'updates-apt.json'), '{"key": "truncated')
    await collectRunningApt(root, cacheDir)
    await collectFromMemo(root, cacheDir)
  })

  it('still returns the facts when the cache folder cannot be created', async () => {
    const root = await aptRoot()
    const blocked = path.join(await tempTree({ 'not-a-folder': 'a file' }), 'not-a-folder', 'cache')
    expect(await collectRunningApt(root, blocked)).toMatchObject(CAPTURED_COUNTS)
  })

  it('keeps no memo when caching is off', async () => {
    const root = await aptRoot()
    await collectRunningApt(root, null)
    await collectRunningApt(root, null)
  })
})
