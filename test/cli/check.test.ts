/** `hygiene check` end to end: the built CLI as a child process, on saved facts and on this machine. */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ReportSchema } from '../../src/report/schema.js'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { account, accountsFacts, backupFacts, healthyFacts, snapshotOf, updatesFacts } from '../helpers/facts.js'
import { tempTree } from '../helpers/temp-tree.js'

let home: string

/** Every file and folder below `dir`, relative, with modification times. */
async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return Promise.all(
    entries.map(async (entry) => {
      const full = path.join(entry.parentPath, entry.name)
      return `${path.relative(dir, full)}${entry.isFile() ? `@${(await stat(full)).mtimeMs}` : ''}`
    }),
  )
}

beforeAll(async () => {
  home = await tempTree({ '.config/': '' })
  await writeFile(`${home}/healthy.json`, JSON.stringify(snapshotOf(healthyFacts())))
  const unhealthy = {
    ...healthyFacts(),
    accounts: accountsFacts([account({ name: 'ketoan', passwordAgeDays: 400 })]),
    backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }),
    updates: updatesFacts({ pendingUpdates: 12, pendingSecurityUpdates: 5, securityPackages: ['openssl'] }),
  }
  await writeFile(`${home}/unhealthy.json`, JSON.stringify(snapshotOf(unhealthy)))
})

describe('hygiene check --facts', () => {
  it('prints one valid JSON report and nothing else on stdout', async () => {
    const run = await hygiene(['check', '--facts', 'healthy.json', '--format', 'json'], { home })
    expect(run.exitCode).toBe(0)
    const report = ReportSchema.parse(JSON.parse(run.stdout))
    expect(report.score).toMatchObject({ value: 100, grade: 'A', version: 1 })
    expect(report.facts.source).toBe('file')
    expect(report.device.hostname).toBe('pc-ketoan')
    expect(report.results.map((r) => r.status)).toEqual(Array(21).fill('pass'))
  })

  it('puts failing checks first, with remediation, and scores them', async () => {
    const run = await hygiene(['check', '--facts', 'unhealthy.json', '--format', 'json'], { home })
    const report = ReportSchema.parse(JSON.parse(run.stdout))
    expect(report.results.slice(0, 3).map((r) => r.id)).toEqual(['backup.recent', 'password.max-age', 'updates.pending'])
    expect(report.results[0]!.remediation).toContain('Déjà Dup')
    expect(report.results.at(-1)!.remediation).toBeNull()
    // three high rules fail: 18 of the 103 weight points of the 21 rules are lost
    expect(report.score.value).toBe(83)
    expect(report.score.categories.find((c) => c.category === 'backup')).toMatchObject({ value: 0, grade: 'F' })
  })

  it('exits 1 below --fail-under and 0 at or above it', async () => {
    expect((await hygiene(['check', '--facts', 'unhealthy.json', '--fail-under', '90'], { home })).exitCode).toBe(1)
    expect((await hygiene(['check', '--facts', 'unhealthy.json', '--fail-under', '83'], { home })).exitCode).toBe(0)
  })

  it('prints a Vietnamese text report with the score on the last line, without colour codes', async () => {
    const run = await hygiene(['check', '--facts', 'unhealthy.json', '--lang', 'vi'], { home })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('KHÔNG ĐẠT')
    expect(run.stdout).toContain('Cách khắc phục:')
    expect(run.stdout).not.toMatch(/\u001b\[/)
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Điểm: 83/100, xếp loại B · 3 mục cần xử lý')
    expect(run.stdout).not.toMatch(/(?<![./\w-])(password|backup|updates?)(?![./\w-])/i)
  })

  it('takes the language from the OS locale, and English text from --lang en', async () => {
    const vi = await hygiene(['check', '--facts', 'healthy.json'], { home, env: { LANG: 'vi_VN.UTF-8' } })
    expect(vi.stdout).toContain('ĐẠT')
    const en = await hygiene(['check', '--facts', 'healthy.json', '--lang', 'en'], { home, env: { LANG: 'vi_VN.UTF-8' } })
    expect(en.stdout).toContain('Passwords are changed regularly')
  })

  it('writes the report to --output and keeps stdout empty', async () => {
    const run = await hygiene(['check', '--facts', 'healthy.json', '--format', 'json', '--output', 'out/../report.json'], { home })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('report.json')
    ReportSchema.parse(JSON.parse(await readFile(`${home}/report.json`, 'utf8')))
  })

  it('honours --only, --skip and the profile', async () => {
    const run = await hygiene(
      ['check', '--facts', 'unhealthy.json', '--format', 'json', '--only', 'backup.recent,updates.pending', '--skip', 'updates.pending'],
      { home },
    )
    const report = ReportSchema.parse(JSON.parse(run.stdout))
    expect(report.results.filter((r) => r.status !== 'skipped').map((r) => r.id)).toEqual(['backup.recent'])
    const police = ReportSchema.parse(JSON.parse((await hygiene(['check', '--facts', 'healthy.json', '--format', 'json', '--profile', 'police'], { home })).stdout))
    expect(police.profile).toBe('police')
  })
})

describe('bad input', () => {
  it.each([
    ['malformed config', ['check', '--config', 'broken.yaml'], 'broken.yaml', { 'broken.yaml': 'profile: [unclosed\n' }],
    ['unknown config key', ['check', '--config', 'unknown.yaml'], 'noSuchKey', { 'unknown.yaml': 'profile: office\nnoSuchKey: 1\n' }],
    ['bad rule pack', ['check', '--rules', 'pack/bad.yaml'], 'bad.yaml', { 'pack/bad.yaml': '- id: bad rule id\n  severity: apocalyptic\n' }],
    ['missing facts file', ['check', '--facts', 'nope.json'], 'nope.json', {}],
    ['facts file that is not JSON', ['check', '--facts', 'garbage.json'], 'garbage.json', { 'garbage.json': '{"kind":' }],
    ['facts of the wrong shape', ['check', '--facts', 'shape.json'], 'probes.accounts.facts.users', {}],
    ['unknown rule in --only', ['check', '--only', 'no.such-rule'], 'no.such-rule', {}],
    ['bad --fail-under', ['check', '--fail-under', 'banana'], 'fail-under', {}],
    ['unknown option', ['check', '--colour'], '--colour', {}],
    ['unknown format', ['check', '--format', 'pdf'], 'pdf', {}],
    ['unknown rule to explain', ['explain', 'password.maxage'], 'password.maxage', {}],
  ])('%s: exit 2, names the cause, no stack trace', async (_name, args, word, files) => {
    const dir = await tempTree(files as Record<string, string>)
    if (_name === 'facts of the wrong shape') {
      const snapshot = snapshotOf(healthyFacts())
      ;(snapshot.probes.accounts as { facts: unknown }).facts = { users: 'many', policy: {}, limitedToCurrentUser: false }
      await writeFile(`${dir}/shape.json`, JSON.stringify(snapshot))
    }
    const run = await hygiene(args, { home: dir })
    expect(run.exitCode, run.stderr).toBe(2)
    expect(run.stderr).toContain(word)
    expect(run.stderr).not.toMatch(STACK_LINE)
    expect(run.stdout).toBe('')
  })
})

describe('on this machine', () => {
  it('checks the live machine and gives a valid report in which the mission rules ran', async () => {
    const run = await hygiene(['check', '--format', 'json'], { home })
    expect(run.exitCode, run.stderr).toBeLessThanOrEqual(1)
    const report = ReportSchema.parse(JSON.parse(run.stdout))
    expect(report.device.os.platform).toBe('linux')
    expect(report.facts.source).toBe('collected')
    expect(report.results).toHaveLength(21)
  })

  it('writes nothing in the home folder but its own cache', async () => {
    const fresh = await tempTree({ 'Downloads/hoa-don.pdf.exe': 'MZ', 'notes.txt': 'x' })
    const before = await listTree(fresh)
    const run = await hygiene(['check', '--format', 'json'], { home: fresh })
    expect(run.exitCode, run.stderr).toBeLessThanOrEqual(1)
    const added = (await listTree(fresh)).filter((entry) => !before.includes(entry))
    expect(added.every((entry) => entry.startsWith('.local/share/hygiene/cache') || '.local/share/hygiene/cache'.startsWith(entry))).toBe(true)
    expect(await readFile(`${fresh}/Downloads/hoa-don.pdf.exe`, 'utf8')).toBe('MZ')
  })

  it('saves facts that check --facts evaluates the same way', async () => {
    const facts = await hygiene(['facts', '--probes', 'os,accounts', '--output', 'facts.json'], { home })
    expect(facts.exitCode, facts.stderr).toBe(0)
    const run = await hygiene(['check', '--facts', 'facts.json', '--only', 'access.empty-password', '--format', 'json'], { home })
    const report = ReportSchema.parse(JSON.parse(run.stdout))
    expect(report.results.find((r) => r.id === 'access.empty-password')!.status).not.toBe('error')
    expect(report.results.find((r) => r.id === 'backup.recent')!.status).toBe('skipped')
  })
})
