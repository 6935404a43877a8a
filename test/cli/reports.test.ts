/** The report formats and the CLI's own messages end to end: the built CLI as a child process. */
import { chmod, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { account, accountsFacts, backupFacts, firewallFacts, healthyFacts, snapshotOf } from '../helpers/facts.js'
import { tempTree } from '../helpers/temp-tree.js'

let home: string

beforeAll(async () => {
  home = await tempTree({ '.config/': '', 'bin/': '' })
  const unhealthy = {
    ...healthyFacts(),
    accounts: accountsFacts([account(), account({ name: 'bob', hasPassword: false, emptyPassword: true })]),
    backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }),
    firewall: firewallFacts({ profiles: [{ name: 'ufw', enabled: false }] }),
  }
  await writeFile(`${home}/unhealthy.json`, JSON.stringify(snapshotOf(unhealthy)))
  // A stand-in for the desktop's opener: it records what it was asked to open.
  await writeFile(`${home}/bin/xdg-open`, `#!/bin/sh\nprintf '%s\\n' "$@" > "${home}/opened.txt"\n`)
  await chmod(`${home}/bin/xdg-open`, 0o755)
})

const check = (args: string[], env: Record<string, string> = {}) => hygiene(['check', '--facts', 'unhealthy.json', ...args], { home, env })

describe('hygiene check --format html', () => {
  it('writes one HTML file with the score and the failing titles, and says where', async () => {
    const run = await check(['--format', 'html', '--output', 'report.html', '--lang', 'vi'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toBe('')
    const html = await readFile(`${home}/report.html`, 'utf8')
    const report = JSON.parse((await check(['--format', 'json', '--lang', 'vi'])).stdout)
    expect(html).toContain(`>${report.score.value}</text>`)
    expect(html).toContain('Dữ liệu quan trọng được sao lưu gần đây')
    // (the child's output is read without its final newline)
    expect(run.stderr).toBe(`Đã ghi báo cáo vào report.html (điểm ${report.score.value}/100).`)
  })

  it('--open writes the report to the data folder and hands it to the desktop opener', async () => {
    const run = await check(['--format', 'html', '--open', '--lang', 'en'], { PATH: `${home}/bin:${process.env.PATH}` })
    expect(run.exitCode).toBe(0)
    const expected = path.join(home, '.local/share/hygiene/reports/hygiene-pc-ketoan-2026-11-29.html')
    // the snapshot's date names the file only if the check ran that day; take the one it wrote
    const opened = (await readFile(`${home}/opened.txt`, 'utf8')).trim()
    expect(path.dirname(opened)).toBe(path.dirname(expected))
    expect(path.basename(opened)).toMatch(/^hygiene-pc-ketoan-\d{4}-\d{2}-\d{2}\.html$/)
    expect(await readFile(opened, 'utf8')).toMatch(/^<!doctype html>/)
    expect(run.stderr).toContain(`Opened ${opened} in the browser.`)
  })

  it('--open without a browser says where the file is, and still succeeds', async () => {
    const run = await check(['--format', 'html', '--open', '--output', 'open.html', '--lang', 'en'], { PATH: '/nonexistent' })
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toContain(`Could not open a browser; open the report yourself: ${path.join(home, 'open.html')}`)
  })

  it('--open with another format is a usage error', async () => {
    const run = await check(['--open', '--lang', 'en'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe('hygiene: --open works with --format html only')
  })
})

describe('hygiene check --format summary and --quiet', () => {
  it('prints at most eight plain lines, even when colour is forced', async () => {
    const run = await check(['--format', 'summary', '--lang', 'vi'], { FORCE_COLOR: '1', NO_COLOR: '' })
    expect(run.exitCode).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(8)
    expect(run.stdout).not.toMatch(/\u001b\[/)
    expect(lines[2]).toBe('Cần làm trước:')
  })

  it('--quiet prints only the score line', async () => {
    const run = await check(['--quiet', '--lang', 'en'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^Score: \d+\/100, grade [A-F] · 3 check\(s\) to fix$/)
    expect(run.stderr).toBe('')
  })
})

describe('the CLI in the chosen language', () => {
  it('says commander\'s usage errors in Vietnamese, with the suggestion, exit code 2 and no stack', async () => {
    const run = await hygiene(['--lang', 'vi', 'check', '--formt', 'json'], { home })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(
      "hygiene: không có tùy chọn '--formt'\nCó phải ý bạn là --format?\nXem các tùy chọn bằng: hygiene --help, hoặc hygiene TÊN-LỆNH --help",
    )
    expect(run.stderr).not.toMatch(STACK_LINE)
  })

  it('names the allowed formats in English for a wrong one', async () => {
    const run = await hygiene(['check', '--format', 'pdf', '--lang', 'en'], { home })
    expect(run.exitCode).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe("hygiene: option '--format <format>': 'pdf' is not allowed; use one of text, json, html, summary")
  })

  it('describes commands and headings in the language of the OS locale', async () => {
    const run = await hygiene(['--help'], { home, env: { LANG: 'vi_VN.UTF-8' } })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^Cách dùng: hygiene \[options\] \[command\]/)
    expect(run.stdout).toContain('Tùy chọn:')
    expect(run.stdout).toContain('Lệnh:')
    expect(run.stdout).toContain('kiểm tra máy này và in báo cáo (lệnh mặc định)')
    const check = await hygiene(['check', '--help'], { home, env: { LANG: 'vi_VN.UTF-8' } })
    expect(check.stdout.replace(/\s+/g, ' ')).toContain('(chọn một trong: "text", "json", "html", "summary", mặc định: "text")')
  })
})
