/** `hygiene rules`, `explain`, `--help` and `--version` end to end. */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { hygiene } from '../helpers/cli.js'
import { tempTree } from '../helpers/temp-tree.js'

describe('hygiene rules', () => {
  it('lists every rule with its weight as JSON', async () => {
    const run = await hygiene(['rules', '--format', 'json'], { home: await tempTree() })
    expect(run.exitCode).toBe(0)
    const { profile, rules } = JSON.parse(run.stdout) as { profile: string; rules: Array<Record<string, unknown>> }
    expect(profile).toBe('office')
    expect(rules.slice(0, 6).map((rule) => rule.id)).toEqual([
      'password.max-age',
      'access.empty-password',
      'backup.recent',
      'updates.pending',
      'updates.os-supported',
      'downloads.risky-files',
    ])
    expect(rules.map((rule) => rule.id)).toContain('scam.remote-access-tools')
    expect(rules).toHaveLength(21)
    expect(rules[1]).toMatchObject({ severity: 'critical', weight: 10, enabled: true })
  })

  it('shows the parameters of the chosen profile, and a text table', async () => {
    const home = await tempTree()
    const police = JSON.parse((await hygiene(['rules', '--format', 'json', '--profile', 'police'], { home })).stdout)
    expect(police.rules[0].params).toEqual({ maxAgeDays: 60 })
    expect(police.rules.find((rule: { id: string }) => rule.id === 'data.disk-encrypted').params).toEqual({ required: true })
    const text = await hygiene(['rules', '--lang', 'vi'], { home })
    expect(text.stdout).toMatch(/password\.max-age\s+cao\s+6\s+Mật khẩu được thay đổi định kỳ/)
  })
})

describe('hygiene explain', () => {
  it('explains weight, condition, remediation and references', async () => {
    const run = await hygiene(['explain', 'password.max-age', '--lang', 'en'], { home: await tempTree() })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('Weight in the score: 6 (6% of the office profile)')
    expect(run.stdout).toContain('EVERY accounts.users WHERE (enabled = true AND hasPassword = true): (mustChange = false AND passwordAgeDays ≤ maxAgeDays (90))')
    expect(run.stdout).toContain('CV 1082/UBND-CA')
    expect(run.stdout).toMatch(/Defined in: .*rules\/01-mission\.yaml:\d+/)
  })

  it('names the evaluator of a rule judged in code', async () => {
    const run = await hygiene(['explain', 'updates.os-supported', '--lang', 'vi'], { home: await tempTree() })
    expect(run.stdout).toContain('do bộ đánh giá có sẵn "os-end-of-life" quyết định')
  })
})

describe('help and version', () => {
  it('prints the version of package.json', async () => {
    const run = await hygiene(['--version'], { home: await tempTree() })
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(run.exitCode).toBe(0)
    expect(run.stdout.trim()).toBe(pkg.version)
  })

  it('describes the commands in Vietnamese with --lang vi', async () => {
    const run = await hygiene(['--help', '--lang', 'vi'], { home: await tempTree() })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('kiểm tra máy này và in báo cáo')
    expect(run.stdout).toContain('Mã thoát')
  })
})
