// Linux antivirus: ClamAV found by its binaries, signatures dated by file times, on-access scanning by process.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { currentHost } from '../../../src/core/host.js'
import { createProcessRunner } from '../../../src/core/runner.js'
import { collectLinuxAntivirus } from '../../../src/probes/antivirus/linux.js'
import { AntivirusFactsSchema } from '../../../src/probes/antivirus/schema.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

/** A /proc/<pid>/stat line in the captured shape (../../fixtures/linux/software/proc-stat-redis.txt). */
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

async function antivirus(files: Parameters<typeof tempTree>[0]) {
  const root = await tempTree({ 'proc/1/stat': stat(1, 'systemd'), ...files })
  return AntivirusFactsSchema.parse(await collectLinuxAntivirus(testContext({ host: { systemRoot: root } })))
}

describe('Linux antivirus (ClamAV)', () => {
  it('lists nothing when ClamAV is not installed', async () => {
    expect(await antivirus({ 'var/lib/clamav/daily.cvd': 'stale' })).toEqual({ products: [], problems: [] })
  })

  it('dates the signatures by the newest database and sees clamonacc scanning on access', async () => {
    const facts = await antivirus({
      'usr/bin/clamscan': '',
      'var/lib/clamav/main.cvd': { content: 'ClamAV-VDB', mtime: new Date('2026-09-01T03:00:00Z') },
      'var/lib/clamav/daily.cld': { content: 'ClamAV-VDB', mtime: new Date('2026-11-28T06:12:00Z') },
      'var/lib/clamav/bytecode.cvd': { content: 'ClamAV-VDB', mtime: new Date('2026-10-15T00:00:00Z') },
      'proc/812/stat': stat(812, 'clamd'),
      'proc/813/stat': stat(813, 'clamonacc'),
    })
    expect(facts).toEqual({
      products: [
        {
          name: 'ClamAV',
          kind: 'clamav',
          realTimeProtection: true,
          signaturesUpdatedAt: '2026-11-28T06:12:00.000Z',
          signaturesAgeDays: 1,
          upToDate: null,
        },
      ],
      problems: [],
    })
  })

  it('reports a clamd without clamonacc as scanning on demand only, with old signatures', async () => {
    const facts = await antivirus({
      'usr/sbin/clamd': '',
      'var/lib/clamav/daily.cvd': { content: 'ClamAV-VDB', mtime: new Date('2026-11-01T00:00:00Z') },
      'proc/812/stat': stat(812, 'clamd'),
      'proc/900/stat': stat(900, 'freshclam'),
    })
    expect(facts.products[0]).toMatchObject({ realTimeProtection: false, signaturesAgeDays: 28 })
  })

  it('says so when freshclam never ran: no signature date, not a crash', async () => {
    const facts = await antivirus({ 'usr/bin/clamscan': '' })
    expect(facts.products[0]).toMatchObject({ signaturesUpdatedAt: null, signaturesAgeDays: null, realTimeProtection: false })
    expect(facts.problems).toEqual(['no ClamAV signature database in /var/lib/clamav (freshclam has not run)'])
  })

  it('leaves on-access scanning unknown when /proc cannot be listed', async () => {
    const root = await tempTree({ 'usr/bin/clamscan': '', 'var/lib/clamav/daily.cvd': 'x' })
    const facts = await collectLinuxAntivirus(testContext({ host: { systemRoot: root } }))
    expect(facts.products[0]!.realTimeProtection).toBeNull()
    expect(facts.problems).toEqual(['/proc cannot be listed: whether clamonacc runs is unknown'])
  })
})

describe('Linux antivirus on this machine', () => {
  it.skipIf(process.platform !== 'linux')('lists ClamAV exactly when its binaries exist', async () => {
    // Checked by hand on the Debian 12 VM (2026-11-29): no /usr/bin/clamscan, no /usr/sbin/clamd, no
    // /var/lib/clamav: products [] and no problem.
    const ctx = testContext({ host: currentHost()!, run: createProcessRunner() })
    const facts = AntivirusFactsSchema.parse(await collectLinuxAntivirus(ctx))
    const installed = existsSync('/usr/bin/clamscan') || existsSync('/usr/sbin/clamd')
    expect(facts.products.map((product) => product.kind)).toEqual(installed ? ['clamav'] : [])
    if (!installed) expect(facts.problems).toEqual([])
  })
})
