// Tests the dnf parsers and the updates probe on Fedora-like system roots (CONSTRUCTED dnf4/dnf5 outputs).
import { symlink } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCheckUpdate, parseUpdateinfoPackages } from '../../../src/probes/updates/dnf.js'
import { ProbeFailure } from '../../../src/probes/probe.js'
import { commandStub, type CommandStub } from '../../helpers/command-stub.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'
import { collect, fixture } from './updates-test-kit.js'

const CHECK_UPDATE = 'dnf -q -C check-update'
const CHECK_UPGRADE = 'dnf -q -C check-upgrade'
const SECURITY = 'dnf -q -C updateinfo list --security'
const NEEDS_RESTARTING = 'dnf -C needs-restarting -r'
const REBOOT_VERDICT = [
  'Core libraries or services have been updated since boot-up:',
  '  * kernel',
  '',
  'Reboot is required to fully utilize these updates.',
].join('\n')
const NO_REBOOT_VERDICT = [
  'No core libraries or services have been updated since boot-up.',
  'Reboot should not be necessary.',
].join('\n')

async function fedoraRoot(files: Record<string, string | TreeFile> = {}): Promise<string> {
  return tempTree({ 'usr/bin/dnf': '', ...files })
}

/** Fedora 41+: /usr/bin/dnf is a link to dnf5. */
async function fedoraDnf5Root(): Promise<string> {
  const root = await tempTree({ 'usr/bin/dnf5': '' })
  await symlink('dnf5', path.join(root, 'usr/bin/dnf'))
  return root
}

async function collectWith(systemRoot: string, stub: CommandStub) {
  const facts = await collect({ host: { systemRoot }, run: stub.run })
  stub.assertAllUsed()
  return facts
}

describe('dnf parsers (constructed outputs)', () => {
  it('reads the name.arch of each check-update line, joins wrapped lines, stops at Obsoleting Packages', async () => {
    expect(parseCheckUpdate(await fixture('updates/dnf4-check-update.txt'))).toEqual([
      'NetworkManager.x86_64',
      'bash.x86_64',
      'glibc.i686',
      'glibc.x86_64',
      'kernel-core.x86_64',
      'openssl-libs.x86_64',
      'python3-dnf-plugin-post-transaction-actions.noarch',
    ])
  })

  it('skips metadata and security notice lines that dnf may print without -q', () => {
    const output = [
      'Last metadata expiration check: 0:42:10 ago on Sun 29 Nov 2026 06:10:20 AM UTC.',
      'Security: kernel-core-6.11.4-201.fc40.x86_64 is an installed security update',
      '',
      'bash.x86_64    5.2.26-4.fc40    updates',
    ].join('\n')
    expect(parseCheckUpdate(output)).toEqual(['bash.x86_64'])
  })

  it('reads the dnf5 check-upgrade columns', async () => {
    expect(parseCheckUpdate(await fixture('updates/dnf5-check-upgrade.txt'))).toHaveLength(5)
  })

  it('takes the NEVRA column of dnf4 updateinfo lines, once per package, epoch or not', async () => {
    expect([...parseUpdateinfoPackages(await fixture('updates/dnf4-updateinfo-security.txt'))].sort()).toEqual([
      'firefox.x86_64',
      'glibc.i686',
      'glibc.x86_64',
      'kernel-core.x86_64',
      'openssl-libs.x86_64',
    ])
  })

  it('takes the Package column of the dnf5 advisory table and skips its header', async () => {
    expect([...parseUpdateinfoPackages(await fixture('updates/dnf5-advisory-security.txt'))].sort()).toEqual([
      'kernel-core.x86_64',
      'kernel-modules-core.x86_64',
    ])
  })
})

describe('updates probe with dnf (constructed outputs)', () => {
  it('exit 100: counts the listed updates and those with a security advisory among them', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 100, stdout: await fixture('updates/dnf4-check-update.txt') })
      .on(SECURITY, { stdout: await fixture('updates/dnf4-updateinfo-security.txt') })
      .on(NEEDS_RESTARTING, { exitCode: 1, stdout: REBOOT_VERDICT })
    expect(await collectWith(await fedoraRoot(), stub)).toMatchObject({
      packageManager: 'dnf',
      pendingUpdates: 7,
      // glibc twice (i686, x86_64), kernel-core, openssl-libs; firefox has an advisory but is not pending
      pendingSecurityUpdates: 4,
      securityPackages: ['glibc', 'kernel-core', 'openssl-libs'],
      rebootRequired: true,
    })
  })

  it('exit 0: nothing pending, and no advisory query is needed', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 0, stdout: '' })
      .on(NEEDS_RESTARTING, { exitCode: 0, stdout: NO_REBOOT_VERDICT })
    expect(await collectWith(await fedoraRoot(), stub)).toMatchObject({
      pendingUpdates: 0,
      pendingSecurityUpdates: 0,
      securityPackages: [],
      rebootRequired: false,
    })
  })

  it('exit 1: the counts are unknown, the other facts remain', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 1, stderr: "Error: Cache-only enabled but no cache for 'fedora'" })
      .on(NEEDS_RESTARTING, { exitCode: 0, stdout: NO_REBOOT_VERDICT })
    expect(await collectWith(await fedoraRoot(), stub)).toMatchObject({
      pendingUpdates: null,
      pendingSecurityUpdates: null,
      rebootRequired: false,
    })
  })

  it('exit 100 with no line it can read is unknown, not zero', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 100, stdout: 'Some future dnf banner\n' })
      .on(NEEDS_RESTARTING, { exitCode: 0 })
    expect((await collectWith(await fedoraRoot(), stub)).pendingUpdates).toBeNull()
  })

  it('keeps the total when the advisory query fails', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 100, stdout: await fixture('updates/dnf4-check-update.txt') })
      .on(SECURITY, { timedOut: true })
      .on(NEEDS_RESTARTING, { exitCode: 0 })
    expect(await collectWith(await fedoraRoot(), stub)).toMatchObject({
      pendingUpdates: 7,
      pendingSecurityUpdates: null,
      securityPackages: [],
    })
  })

  it('does not read "reboot needed" from exit 1 when the needs-restarting plugin is missing', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 0 })
      .on(NEEDS_RESTARTING, { exitCode: 1, stderr: 'No such command: needs-restarting. Please use dnf --help' })
    expect((await collectWith(await fedoraRoot(), stub)).rebootRequired).toBeNull()
  })

  it('uses check-upgrade when /usr/bin/dnf is dnf5', async () => {
    const stub = commandStub()
      .on(CHECK_UPGRADE, { exitCode: 100, stdout: await fixture('updates/dnf5-check-upgrade.txt') })
      .on(SECURITY, { stdout: await fixture('updates/dnf5-advisory-security.txt') })
      .on(NEEDS_RESTARTING, { exitCode: 1, stdout: REBOOT_VERDICT })
    expect(await collectWith(await fedoraDnf5Root(), stub)).toMatchObject({
      pendingUpdates: 5,
      pendingSecurityUpdates: 2,
      securityPackages: ['kernel-core', 'kernel-modules-core'],
    })
  })

  it('dates the index by the newest metadata file of the dnf cache', async () => {
    const newest = new Date('2026-11-27T22:00:00Z')
    const root = await fedoraRoot({
      'var/cache/dnf/fedora.solv': { mtime: new Date('2026-10-01T00:00:00Z') },
      'var/cache/dnf/updates.solv': { mtime: new Date('2026-11-25T00:00:00Z') },
      'var/cache/dnf/updates-0123456789abcdef/repodata/repomd.xml': { mtime: newest },
      'var/cache/dnf/packages.db': { mtime: new Date('2026-11-29T11:00:00Z') },
    })
    const stub = commandStub().on(CHECK_UPDATE, { exitCode: 0 }).on(NEEDS_RESTARTING, { exitCode: 0 })
    expect(await collectWith(root, stub)).toMatchObject({ indexRefreshedAt: newest.toISOString(), indexAgeDays: 1 })
  })

  it('fails the probe with every reason when nothing at all could be read', async () => {
    const stub = commandStub()
      .on(CHECK_UPDATE, { exitCode: 200, stderr: 'Error: Failed to obtain the transaction lock' })
      .on(NEEDS_RESTARTING, { timedOut: true })
    const failure = collectWith(await fedoraRoot(), stub)
    await expect(failure).rejects.toBeInstanceOf(ProbeFailure)
    await expect(failure).rejects.toThrow(
      'nothing could be read from dnf: ' +
        'dnf -q -C check-update: exit code 200 (Error: Failed to obtain the transaction lock); ' +
        'dnf -C needs-restarting -r: timed out',
    )
  })
})
