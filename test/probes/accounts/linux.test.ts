import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { collectLinuxAccounts } from '../../../src/probes/accounts/linux.js'
import { parseChage, parsePasswdStatus } from '../../../src/probes/accounts/chage.js'
import { AccountsFactsSchema } from '../../../src/probes/accounts/schema.js'
import { commandStub } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/${name}`, import.meta.url), 'utf8')

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'alice:x:1001:1001::/home/alice:/bin/bash',
  'bob:x:1002:1002::/home/bob:/bin/bash',
  'carol:x:1003:1003::/home/carol:/bin/bash',
  'dave:x:1004:1004::/home/dave:/bin/bash',
  'erin:x:1005:1005::/home/erin:/bin/bash',
  'svc:x:1006:1006::/srv:/usr/sbin/nologin',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
].join('\n')
const LOGIN_DEFS = 'PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nUID_MIN\t\t\t 1000\nUID_MAX\t\t\t60000\n'

/** `chage -l` blocks of the captured users, by name. */
async function chageOf(name: string): Promise<string> {
  const blocks = (await fixture('chage_samples.txt')).split(/^== /m).filter(Boolean)
  const block = blocks.find((b) => b.startsWith(`${name}\n`))!
  return block.slice(block.indexOf('\n') + 1)
}

describe('accounts probe on Linux, as root (captured /etc/shadow of 2026-11-29)', () => {
  it('reads every human account with its password state', async () => {
    const root = await tempTree({ 'etc/passwd': PASSWD, 'etc/shadow': await fixture('shadow_sample.txt'), 'etc/login.defs': LOGIN_DEFS })
    const facts = AccountsFactsSchema.parse(await collectLinuxAccounts(testContext({ host: { systemRoot: root, userName: 'root' } })))
    expect(facts.users.map((u) => u.name)).toEqual(['root', 'alice', 'bob', 'carol', 'dave', 'erin'])
    const byName = Object.fromEntries(facts.users.map((u) => [u.name, u]))
    expect(byName.root).toMatchObject({ enabled: false, hasPassword: false, isCurrentUser: true })
    expect(byName.alice).toMatchObject({ enabled: true, hasPassword: true, passwordAgeDays: 0, maxPasswordAgeDays: 90, mustChange: false })
    expect(byName.alice!.passwordLastSetAt).toBe('2026-11-29T00:00:00.000Z')
    expect(byName.bob).toMatchObject({ enabled: true, hasPassword: false, emptyPassword: true })
    expect(byName.carol).toMatchObject({ enabled: true, mustChange: true, passwordAgeDays: null })
    expect(byName.dave).toMatchObject({ enabled: false, hasPassword: false })
    expect(byName.erin).toMatchObject({ enabled: false, passwordAgeDays: 1049 })
    expect(facts.policy).toEqual({ maxPasswordAgeDays: null, source: '/etc/login.defs PASS_MAX_DAYS' })
    expect(facts.limitedToCurrentUser).toBe(false)
  })

  it('measures age against the injected clock, and treats an expired account as disabled', async () => {
    const shadow = 'an:$y$hash:20000:0:90:7::20700:\n'
    const root = await tempTree({ 'etc/passwd': 'an:x:1000:1000::/home/an:/bin/bash\n', 'etc/shadow': shadow, 'etc/login.defs': 'PASS_MAX_DAYS 60\n' })
    const facts = await collectLinuxAccounts(testContext({ host: { systemRoot: root }, now: '2026-11-29T00:00:00Z' }))
    expect(facts.users[0]).toMatchObject({ passwordAgeDays: 786, enabled: false })
    expect(facts.policy.maxPasswordAgeDays).toBe(60)
  })
})

describe('accounts probe on Linux, as a normal user', () => {
  it('reads its own account with chage and passwd -S; others are unreadable, not assumed fine', async () => {
    const root = await tempTree({ 'etc/passwd': PASSWD, 'etc/login.defs': LOGIN_DEFS })
    const stub = commandStub()
      .on('chage -l -i alice', { stdout: (await chageOf('alice')).replace(/Nov 29, 2026/g, '2026-11-29') })
      .on('passwd -S alice', { stdout: 'alice P 2026-11-29 0 90 14 30\n' })
    const facts = await collectLinuxAccounts(testContext({ host: { systemRoot: root, userName: 'alice' }, run: stub.run }))
    stub.assertAllUsed()
    expect(facts.limitedToCurrentUser).toBe(true)
    const alice = facts.users.find((u) => u.name === 'alice')
    expect(alice).toMatchObject({ source: 'chage', enabled: true, hasPassword: true, passwordAgeDays: 0, maxPasswordAgeDays: 90 })
    expect(facts.users.find((u) => u.name === 'bob')).toMatchObject({ source: 'unreadable', enabled: null, passwordAgeDays: null })
  })

  it('falls back to chage without -i on older shadow, and reads "must be changed"', async () => {
    const root = await tempTree({ 'etc/passwd': 'carol:x:1003:1003::/home/carol:/bin/bash\n' })
    const stub = commandStub()
      .on('chage -l -i carol', { exitCode: 2, stderr: "chage: unrecognized option '-i'" })
      .on('chage -l carol', { stdout: await chageOf('carol') })
      .on('passwd -S carol', { stdout: 'carol P 1970-01-01 0 99999 7 -1\n' })
    const facts = await collectLinuxAccounts(testContext({ host: { systemRoot: root, userName: 'carol' }, run: stub.run }))
    stub.assertAllUsed()
    expect(facts.users[0]).toMatchObject({ mustChange: true, passwordAgeDays: null, maxPasswordAgeDays: null })
  })

  it('marks the account unreadable when chage is missing', async () => {
    const root = await tempTree({ 'etc/passwd': 'an:x:1000:1000::/home/an:/bin/bash\n' })
    const stub = commandStub().on('chage -l -i an', { notFound: true }).on('passwd -S an', { notFound: true })
    const facts = await collectLinuxAccounts(testContext({ host: { systemRoot: root, userName: 'an' }, run: stub.run }))
    expect(facts.users[0]!.source).toBe('unreadable')
  })

  it('fails the probe with a reason when /etc/passwd cannot be read', async () => {
    const root = await tempTree()
    await expect(collectLinuxAccounts(testContext({ host: { systemRoot: root } }))).rejects.toThrow('/etc/passwd cannot be read')
  })
})

describe('chage and passwd -S parsers', () => {
  it('read the captured C-locale output by position', async () => {
    expect(parseChage(await chageOf('erin'))).toEqual({
      lastChange: new Date('2024-01-15T00:00:00Z'),
      accountExpires: null,
      maxDays: 90,
    })
  })

  it('do not understand Vietnamese labels by accident: lines are read by position', async () => {
    const vi = (await fixture('vi_locale_outputs.txt')).split('\n').slice(0, 7).join('\n')
    const parsed = parseChage(vi)
    // Dates in Vietnamese ("Thg 11 29, 2026") are not parsed: the probe always runs chage with LC_ALL=C.
    expect(parsed?.lastChange).toBeNull()
  })

  it.each([
    ['alice P 2026-11-29 0 90 14 30', 'usable'],
    ['bob NP 2026-11-29 0 99999 7 -1', 'empty'],
    ['dave L 2026-11-29 0 99999 7 -1', 'locked'],
    ['garbage', null],
  ])('passwd -S %s → %s', (line, status) => {
    expect(parsePasswdStatus(line)).toBe(status)
  })
})
