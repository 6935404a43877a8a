/**
 * The mission rules judged on facts, as ESLint's RuleTester does: each case is data, every status
 * a rule can give is covered, and messages are checked in both languages.
 */
import { describe, expect, it } from 'vitest'
import {
  account,
  accountsFacts,
  backupFacts,
  downloadsFacts,
  healthyFacts,
  osFacts,
  riskyFile,
  snapshotOf,
  updatesFacts,
} from '../helpers/facts.js'
import { evaluateBuiltin } from '../helpers/engine.js'

const withFacts = (facts: Record<string, unknown>) => snapshotOf({ ...healthyFacts(), ...facts })

describe('password.max-age', () => {
  it('passes when every enabled account changed its password within 90 days', async () => {
    const result = await evaluateBuiltin('password.max-age', withFacts({}))
    expect(result.status).toBe('pass')
    expect(result.evidence.accounts).toEqual([
      { name: 'an', enabled: true, hasPassword: true, passwordAgeDays: 28, mustChange: false, source: 'shadow' },
    ])
  })

  it('fails on an old password and names the account, in both languages', async () => {
    const facts = withFacts({ accounts: accountsFacts([account(), account({ name: 'ketoan', passwordAgeDays: 400 })]) })
    const en = await evaluateBuiltin('password.max-age', facts)
    expect(en.status).toBe('fail')
    expect(en.message).toBe('1 account(s) have a password older than 90 days or must change it now: ketoan.')
    const vi = await evaluateBuiltin('password.max-age', facts, { lang: 'vi' })
    expect(vi.message).toContain('ketoan')
    expect(vi.message).toContain('tài khoản có mật khẩu cũ hơn 90 ngày')
  })

  it('fails when an account must change its password at next login', async () => {
    const facts = withFacts({ accounts: accountsFacts([account({ name: 'carol', mustChange: true, passwordAgeDays: null })]) })
    const result = await evaluateBuiltin('password.max-age', facts)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('carol')
  })

  it('ignores disabled and locked accounts', async () => {
    const facts = withFacts({
      accounts: accountsFacts([
        account(),
        account({ name: 'dave', enabled: false, passwordAgeDays: 900 }),
        account({ name: 'erin', hasPassword: false, passwordAgeDays: 900 }),
      ]),
    })
    expect((await evaluateBuiltin('password.max-age', facts)).status).toBe('pass')
  })

  it('is not applicable when no account logs in with a password', async () => {
    const facts = withFacts({ accounts: accountsFacts([account({ enabled: false })]) })
    expect((await evaluateBuiltin('password.max-age', facts)).status).toBe('not_applicable')
  })

  it('warns when passwords are fresh but the system does not force a change', async () => {
    const facts = withFacts({ accounts: accountsFacts([account()], null) })
    const result = await evaluateBuiltin('password.max-age', facts)
    expect(result.status).toBe('warn')
    expect(result.message).toContain('does not force')
  })

  it('reports error, never pass, when another account cannot be read without root', async () => {
    const unreadable = account({
      name: 'binh',
      enabled: null,
      hasPassword: null,
      emptyPassword: null,
      mustChange: null,
      passwordAgeDays: null,
      source: 'unreadable',
    })
    const result = await evaluateBuiltin('password.max-age', withFacts({ accounts: accountsFacts([account(), unreadable]) }))
    expect(result.status).toBe('error')
    expect(result.message).toContain('binh')
    expect(result.message).toContain('sudo')
    // Without any readable account, it is the applicability that is unknown: the message still names them.
    const alone = await evaluateBuiltin('password.max-age', withFacts({ accounts: accountsFacts([unreadable]) }))
    expect(alone.status).toBe('error')
    expect(alone.message).toContain('of binh cannot be read')
  })

  it('still fails on a readable old password when other accounts are unreadable', async () => {
    const unreadable = account({ name: 'binh', enabled: null, hasPassword: null, passwordAgeDays: null })
    const facts = withFacts({ accounts: accountsFacts([account({ passwordAgeDays: 200 }), unreadable]) })
    expect((await evaluateBuiltin('password.max-age', facts)).status).toBe('fail')
  })

  it('follows the police profile (60 days) and config parameters', async () => {
    const facts = withFacts({ accounts: accountsFacts([account({ passwordAgeDays: 75 })]) })
    expect((await evaluateBuiltin('password.max-age', facts)).status).toBe('pass')
    expect((await evaluateBuiltin('password.max-age', facts, { profile: 'police' })).status).toBe('fail')
    expect((await evaluateBuiltin('password.max-age', facts, { params: { maxAgeDays: 30 } })).status).toBe('fail')
  })
})

describe('access.empty-password', () => {
  it('passes when every enabled account has a password', async () => {
    expect((await evaluateBuiltin('access.empty-password', withFacts({}))).status).toBe('pass')
  })

  it('fails on an enabled account without a password', async () => {
    const facts = withFacts({
      accounts: accountsFacts([account(), account({ name: 'bob', hasPassword: false, emptyPassword: true })]),
    })
    const result = await evaluateBuiltin('access.empty-password', facts)
    expect(result.status).toBe('fail')
    expect(result.evidence.accounts).toEqual([{ name: 'bob' }])
    expect(result.message).toContain('bob')
  })

  it('tells a Mac user to look for themselves, since macOS never lets it be read', async () => {
    const unknown = account({ name: 'binh', emptyPassword: null })
    const mac = withFacts({ os: osFacts({ platform: 'macos', id: 'macos', name: 'macOS 15.1', version: '15.1' }), accounts: accountsFacts([unknown]) })
    const result = await evaluateBuiltin('access.empty-password', mac)
    expect(result.status).toBe('error')
    expect(result.message).toContain('Users & Groups')
    const linux = await evaluateBuiltin('access.empty-password', withFacts({ accounts: accountsFacts([unknown]) }))
    expect(linux.message).toContain('sudo')
  })

  it('does not count a locked account with an empty password field', async () => {
    const facts = withFacts({ accounts: accountsFacts([account({ name: 'bob', enabled: false, emptyPassword: true })]) })
    expect((await evaluateBuiltin('access.empty-password', facts)).status).toBe('pass')
  })
})

describe('backup.recent', () => {
  it('passes with a backup 2 days old', async () => {
    const result = await evaluateBuiltin('backup.recent', withFacts({}))
    expect(result.status).toBe('pass')
    expect(result.evidence).toMatchObject({ newestBackupAgeDays: 2, newestBackupAt: '2026-11-27T08:00:00.000Z' })
  })

  it('fails with an old backup and says how old', async () => {
    const facts = withFacts({ backup: backupFacts({ newestBackupAgeDays: 20, newestBackupAt: '2026-11-09T00:00:00.000Z' }) })
    const result = await evaluateBuiltin('backup.recent', facts, { lang: 'vi' })
    expect(result.status).toBe('fail')
    expect(result.message).toBe('Bản sao lưu mới nhất đã cũ 20 ngày (yêu cầu không quá 7 ngày).')
  })

  it('fails, not errors, when no backup exists at all, and says how to set one up', async () => {
    const facts = withFacts({ backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }) })
    const result = await evaluateBuiltin('backup.recent', facts)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('backup.paths')
  })

  it('names the places looked at when they hold no backup', async () => {
    const facts = withFacts({
      backup: backupFacts({
        sources: [{ kind: 'folder', location: 'E:\\SaoLuu', state: 'missing', newestAt: null, capped: false }],
        newestBackupAt: null,
        newestBackupAgeDays: null,
      }),
    })
    const result = await evaluateBuiltin('backup.recent', facts)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('E:\\SaoLuu')
  })

  it('allows 14 days in the school profile and 3 in the police profile', async () => {
    const facts = withFacts({ backup: backupFacts({ newestBackupAgeDays: 5 }) })
    expect((await evaluateBuiltin('backup.recent', facts, { profile: 'police' })).status).toBe('fail')
    const tenDays = withFacts({ backup: backupFacts({ newestBackupAgeDays: 10 }) })
    expect((await evaluateBuiltin('backup.recent', tenDays, { profile: 'school' })).status).toBe('pass')
  })
})

describe('updates.pending', () => {
  it('passes with nothing pending', async () => {
    expect((await evaluateBuiltin('updates.pending', withFacts({}))).status).toBe('pass')
  })

  it('fails with pending security updates and gives the counts', async () => {
    const facts = withFacts({
      updates: updatesFacts({ pendingUpdates: 138, pendingSecurityUpdates: 87, securityPackages: ['libgcrypt20', 'liblzma5'] }),
    })
    const result = await evaluateBuiltin('updates.pending', facts)
    expect(result.status).toBe('fail')
    expect(result.evidence).toMatchObject({ pendingUpdates: 138, pendingSecurityUpdates: 87 })
    expect(result.message).toContain('87 security update(s)')
    expect(result.message).toContain('libgcrypt20')
  })

  it('warns on non-security updates or a pending restart', async () => {
    const result = await evaluateBuiltin('updates.pending', withFacts({ updates: updatesFacts({ pendingUpdates: 4 }) }))
    expect(result.status).toBe('warn')
    expect(result.message).toContain('4 other update(s)')
    const reboot = await evaluateBuiltin('updates.pending', withFacts({ updates: updatesFacts({ rebootRequired: true }) }))
    expect(reboot.status).toBe('warn')
    expect(reboot.message).toContain('restart')
  })

  it('fails when the update list is stale, since the counts cannot be trusted', async () => {
    const result = await evaluateBuiltin('updates.pending', withFacts({ updates: updatesFacts({ indexAgeDays: 40 }) }))
    expect(result.status).toBe('fail')
    expect(result.message).toContain('40 days')
  })

  it('fails when updates are switched off, whatever else it knows', async () => {
    const result = await evaluateBuiltin('updates.pending', withFacts({ updates: updatesFacts({ updatesDisabled: true }) }), { lang: 'vi' })
    expect(result.status).toBe('fail')
    expect(result.message).toContain('đang bị tắt')
  })

  it('judges by the last installed update when the pending search did not answer', async () => {
    const unanswered = { pendingUpdates: null, pendingSecurityUpdates: null, problems: ['Windows Update search timed out after 40 s'] }
    const recent = await evaluateBuiltin('updates.pending', withFacts({ updates: updatesFacts({ ...unanswered, lastInstalledAgeDays: 20 }) }))
    expect(recent.status).toBe('pass')
    expect(recent.message).toContain('could not be looked up (Windows Update search timed out after 40 s), but an update was installed 20 days ago')
    const old = await evaluateBuiltin('updates.pending', withFacts({ updates: updatesFacts({ ...unanswered, lastInstalledAgeDays: 80 }) }))
    expect(old.status).toBe('fail')
    expect(old.message).toContain('installed 80 days ago')
    expect(old.message).toContain('timed out after 40 s')
  })

  it('reports error when the counts could not be read', async () => {
    const facts = withFacts({
      updates: updatesFacts({ pendingUpdates: null, pendingSecurityUpdates: null, lastInstalledAgeDays: null, problems: ['apt-get: timed out'] }),
    })
    const result = await evaluateBuiltin('updates.pending', facts)
    expect(result.status).toBe('error')
    expect(result.message).toBe('The pending updates of this computer could not be determined (apt-get: timed out).')
  })
})

describe('updates.os-supported', () => {
  it('passes on Debian 13', async () => {
    const result = await evaluateBuiltin('updates.os-supported', withFacts({}))
    expect(result.status).toBe('pass')
    expect(result.evidence).toMatchObject({ supportEndsOn: '2028-08-09', source: 'table' })
  })

  it('warns on Debian 12, which has only LTS left in November 2026', async () => {
    const facts = withFacts({ os: osFacts({ name: 'Debian GNU/Linux 12 (bookworm)', version: '12' }) })
    const result = await evaluateBuiltin('updates.os-supported', facts)
    expect(result.status).toBe('warn')
    expect(result.message).toContain('2028-06-30')
  })

  it('fails on Windows 10 22H2 Pro, past its end of support', async () => {
    const facts = withFacts({
      os: osFacts({ platform: 'windows', id: 'windows', name: 'Windows 10 Pro', version: '22H2', build: '19045', edition: 'Professional' }),
    })
    const result = await evaluateBuiltin('updates.os-supported', facts, { lang: 'vi' })
    expect(result.status).toBe('fail')
    expect(result.message).toContain('2025-10-14')
  })

  it('tells Windows 11 24H2 Home (ended) from Enterprise (supported) by edition', async () => {
    const win11 = (edition: string) =>
      withFacts({ os: osFacts({ platform: 'windows', id: 'windows', name: 'Windows 11', version: '24H2', build: '26100', edition }) })
    expect((await evaluateBuiltin('updates.os-supported', win11('Core'))).status).toBe('fail')
    expect((await evaluateBuiltin('updates.os-supported', win11('Enterprise'))).status).toBe('pass')
    expect((await evaluateBuiltin('updates.os-supported', win11('EnterpriseS'))).status).toBe('pass')
  })

  it("prefers Fedora's own SUPPORT_END to the table", async () => {
    const fedora = (supportEndsOn: string) =>
      withFacts({ os: osFacts({ id: 'fedora', name: 'Fedora Linux 42', version: '42', supportEndsOn }) })
    expect((await evaluateBuiltin('updates.os-supported', fedora('2026-05-13'))).status).toBe('fail')
    expect((await evaluateBuiltin('updates.os-supported', fedora('2027-05-13'))).status).toBe('pass')
    const withoutSupportEnd = withFacts({ os: osFacts({ id: 'fedora', name: 'Fedora Linux 42', version: '42' }) })
    expect((await evaluateBuiltin('updates.os-supported', withoutSupportEnd)).evidence).toMatchObject({ supportEndsOn: '2026-05-13', source: 'table' })
  })

  it('finds a derivative through ID_LIKE only for a matching version, else reports error', async () => {
    const facts = withFacts({ os: osFacts({ id: 'linuxmint', idLike: ['ubuntu', 'debian'], name: 'Linux Mint 22', version: '22' }) })
    const result = await evaluateBuiltin('updates.os-supported', facts)
    expect(result.status).toBe('error')
    expect(result.message).toContain('Linux Mint 22')
  })
})

describe('downloads.risky-files', () => {
  it('passes when nothing risky was found', async () => {
    const result = await evaluateBuiltin('downloads.risky-files', withFacts({}))
    expect(result.status).toBe('pass')
    expect(result.message).toContain('120 entries')
  })

  it('fails and lists the files with their reasons, leaving Android packages to scam.untrusted-apk', async () => {
    const files = [riskyFile(), riskyFile({ path: '/home/an/Zalo Received Files/VNeID.apk', root: 'zalo', reasons: ['android-package'] })]
    const result = await evaluateBuiltin('downloads.risky-files', withFacts({ downloads: downloadsFacts(files) }))
    expect(result.status).toBe('fail')
    expect(result.evidence.files).toEqual([
      { path: '/home/an/Downloads/hoa-don.pdf.exe', root: 'downloads', reasons: ['executable', 'double-extension'], ageDays: 1, originUrl: null },
    ])
    expect(result.message).toBe('1 risky file(s) to review: /home/an/Downloads/hoa-don.pdf.exe.')
    const apkOnly = await evaluateBuiltin('downloads.risky-files', withFacts({ downloads: downloadsFacts([files[1]!]) }))
    expect(apkOnly.status).toBe('pass')
  })

  it('says so when the scan stopped at its entry cap', async () => {
    const facts = withFacts({ downloads: downloadsFacts([], { entryCapReached: true, entriesScanned: 200000 }) })
    const result = await evaluateBuiltin('downloads.risky-files', facts)
    expect(result.status).toBe('pass')
    expect(result.message).toContain('stopped early')
  })
})

describe('every mission rule', () => {
  it.each(['password.max-age', 'access.empty-password', 'backup.recent', 'updates.pending', 'downloads.risky-files'])(
    '%s reports error with the probe reason when its probe failed',
    async (id) => {
      const probe = id.startsWith('access') || id.startsWith('password') ? 'accounts' : id.split('.')[0]!
      const facts = healthyFacts()
      delete facts[probe]
      const snapshot = snapshotOf(facts, { [probe]: { status: 'error', durationMs: 5, reason: 'timed out after 10 s' } })
      const result = await evaluateBuiltin(id, snapshot)
      expect(result.status).toBe('error')
      expect(result.message).toContain('timed out after 10 s')
    },
  )

  it('a healthy machine passes them all', async () => {
    for (const id of ['password.max-age', 'access.empty-password', 'backup.recent', 'updates.pending', 'updates.os-supported', 'downloads.risky-files']) {
      expect((await evaluateBuiltin(id, withFacts({}))).status, id).toBe('pass')
    }
  })
})
