// Tests the zypper XML reading and the updates probe on openSUSE-like system roots (CONSTRUCTED outputs).
import { describe, expect, it } from 'vitest'
import { parseZypperUpdates } from '../../../src/probes/updates/zypper.js'
import { commandStub, type CommandStub } from '../../helpers/command-stub.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'
import { collect, fixture } from './updates-test-kit.js'

const LIST_UPDATES = 'zypper --non-interactive --no-refresh -x list-updates'
const LIST_SECURITY_PATCHES = 'zypper --non-interactive --no-refresh -x list-patches --category security'
const EMPTY_UPDATE_STATUS = [
  "<?xml version='1.0'?>",
  '<stream>',
  '<update-status version="0.6">',
  '<update-list>',
  '</update-list>',
  '</update-status>',
  '</stream>',
].join('\n')
const LOCKED_ERROR = [
  "<?xml version='1.0'?>",
  '<stream>',
  '<message type="error">System management is locked by the application with pid 4242 (zypper).</message>',
  '</stream>',
].join('\n')

async function suseRoot(files: Record<string, string | TreeFile> = {}): Promise<string> {
  return tempTree({ 'usr/bin/zypper': '', ...files })
}

async function collectWith(systemRoot: string, stub: CommandStub) {
  const facts = await collect({ host: { systemRoot }, run: stub.run })
  stub.assertAllUsed()
  return facts
}

describe('parseZypperUpdates (constructed outputs)', () => {
  it('reads the attributes of every package update', async () => {
    const updates = parseZypperUpdates(await fixture('updates/zypper-list-updates.xml'))
    expect(updates?.map((update) => [update.kind, update.name])).toEqual([
      ['package', 'libopenssl3'],
      ['package', 'openssl-3'],
      ['package', 'vim'],
      ['package', 'zypper'],
    ])
  })

  it('reads the patches of both the update list and the blocked list', async () => {
    const updates = parseZypperUpdates(await fixture('updates/zypper-list-patches.xml'))
    expect(updates).toHaveLength(5)
    expect(updates?.[0]).toMatchObject({ kind: 'patch', category: 'security', status: 'needed', pkgmanager: 'true' })
  })

  it('returns null for an error message instead of an update status', () => {
    expect(parseZypperUpdates(LOCKED_ERROR)).toBeNull()
  })
})

describe('updates probe with zypper (constructed outputs)', () => {
  it('counts package updates and the needed security patches, whatever list they sit in', async () => {
    const stub = commandStub()
      .on(LIST_UPDATES, { exitCode: 0, stdout: await fixture('updates/zypper-list-updates.xml') })
      // zypper's information code for "security patches needed"
      .on(LIST_SECURITY_PATCHES, { exitCode: 101, stdout: await fixture('updates/zypper-list-patches.xml') })
    expect(await collectWith(await suseRoot(), stub)).toEqual({
      packageManager: 'zypper',
      pendingUpdates: 4,
      // the recommended patch and the locked ("unwanted") security patch are not counted
      pendingSecurityUpdates: 3,
      securityPackages: [],
      indexRefreshedAt: null,
      indexAgeDays: null,
      rebootRequired: false,
      lastInstalledAt: null,
      lastInstalledAgeDays: null,
      updatesDisabled: null,
      problems: [],
    })
  })

  it('reports nothing pending without asking for patches when no package can be updated', async () => {
    const stub = commandStub().on(LIST_UPDATES, { exitCode: 0, stdout: EMPTY_UPDATE_STATUS })
    expect(await collectWith(await suseRoot(), stub)).toMatchObject({ pendingUpdates: 0, pendingSecurityUpdates: 0 })
  })

  it('keeps the total when the patch list fails', async () => {
    const stub = commandStub()
      .on(LIST_UPDATES, { exitCode: 0, stdout: await fixture('updates/zypper-list-updates.xml') })
      .on(LIST_SECURITY_PATCHES, { exitCode: 7, stdout: LOCKED_ERROR })
    expect(await collectWith(await suseRoot(), stub)).toMatchObject({ pendingUpdates: 4, pendingSecurityUpdates: null })
  })

  it('treats an error message with an accepted exit code as unknown, not as zero updates', async () => {
    const stub = commandStub().on(LIST_UPDATES, { exitCode: 106, stdout: LOCKED_ERROR })
    expect(await collectWith(await suseRoot(), stub)).toMatchObject({ pendingUpdates: null, rebootRequired: false })
  })

  it('reads the reboot flag zypper needs-rebooting checks, and dates the index by the repos’ repomd.xml', async () => {
    const checked = new Date('2026-11-28T09:00:00Z')
    const root = await suseRoot({
      'run/reboot-needed': 'reboot\n',
      'var/cache/zypp/raw/repo-oss/repodata/repomd.xml': { mtime: new Date('2026-11-01T00:00:00Z') },
      'var/cache/zypp/raw/repo-sle-update/repodata/repomd.xml': { mtime: checked },
    })
    const stub = commandStub().on(LIST_UPDATES, { exitCode: 0, stdout: EMPTY_UPDATE_STATUS })
    expect(await collectWith(root, stub)).toMatchObject({
      rebootRequired: true,
      indexRefreshedAt: checked.toISOString(),
      indexAgeDays: 1,
    })
  })
})
