/** The one-file executables of `npm run package`: the linux-x64 one here, the win-x64 one under Wine (as win32, without PowerShell). */
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReportSchema, type Report } from '../../src/report/schema.js'
import { hygiene } from '../helpers/cli.js'
import { skipUnlessStrict } from '../helpers/strict.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const LINUX = path.join(root, 'dist', 'hygiene-linux-x64')
const WINDOWS = path.join(root, 'dist', 'hygiene-win-x64.exe')
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }

const noLinux = !existsSync(LINUX)
const noWindows = !existsSync(WINDOWS)
const noWine = spawnSync('wine', ['--version']).status !== 0
if (noLinux || noWindows) console.warn('Executable tests skipped: build them with `npm run package` (dist/hygiene-linux-x64, dist/hygiene-win-x64.exe)')
if (noWine) console.warn('Windows executable test skipped: no Wine (apt-get install wine)')

const homes: string[] = []
afterAll(() => Promise.all(homes.map((home) => rm(home, { recursive: true, force: true }))))

async function tempHome(): Promise<string> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'hygiene-exe-'))
  homes.push(home)
  return home
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a command with stdout and stderr in files: Wine cannot hand Node a pipe as stdout (EBADF),
 * and Windows line ends are dropped.
 */
function runToFiles(command: string, args: string[], home: string, env: Record<string, string> = {}): Run {
  const out = path.join(home, 'stdout.txt')
  const err = path.join(home, 'stderr.txt')
  const [outFd, errFd] = [openSync(out, 'w'), openSync(err, 'w')]
  try {
    const result = spawnSync(command, args, {
      cwd: home,
      stdio: ['ignore', outFd, errFd],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1', ...env },
      timeout: 200_000,
    })
    return { status: result.status, stdout: readFileSync(out, 'utf8').replace(/\r\n/g, '\n'), stderr: readFileSync(err, 'utf8') }
  } finally {
    closeSync(outFd)
    closeSync(errFd)
  }
}

function report(run: Run): Report {
  expect(run.status, run.stderr).toBeLessThanOrEqual(1)
  return ReportSchema.parse(JSON.parse(run.stdout))
}

describe.skipIf(skipUnlessStrict(noLinux))('the linux-x64 executable', () => {
  it('says its version', async () => {
    const run = runToFiles(LINUX, ['--version'], await tempHome())
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n` })
  })

  it('checks this PC and prints a valid report', { timeout: 60_000 }, async () => {
    const checked = report(runToFiles(LINUX, ['check', '--format', 'json'], await tempHome()))
    expect(checked.device.os.platform).toBe('linux')
    expect(checked.agent.version).toBe(version)
    expect(checked.results.length).toBeGreaterThan(10)
  })

  it('carries the same rule packs and profiles as the package folder', { timeout: 60_000 }, async () => {
    const home = await tempHome()
    const inside = runToFiles(LINUX, ['rules', '--format', 'json', '--profile', 'police'], home)
    const outside = await hygiene(['rules', '--format', 'json', '--profile', 'police'], { home })
    expect(inside.status).toBe(0)
    // execa drops the final newline of the package folder's run.
    expect(inside.stdout).toBe(`${outside.stdout}\n`)
  })

  it('keeps the device token in a file and says so, as the keychain module cannot load', async () => {
    const run = runToFiles(LINUX, ['status'], await tempHome())
    expect(run.status).toBe(0)
    expect(run.stderr).toContain('the OS credential store cannot be used by this program')
    expect(run.stdout).toMatch(/Token kept in: .*device-token/)
  })

  it('says that the collector needs the npm installation', async () => {
    const run = runToFiles(LINUX, ['collector', 'units'], await tempHome())
    expect(run.status).toBe(3)
    expect(run.stderr).toContain('the one-file executable cannot load better-sqlite3')
    // On PostgreSQL too, the server refuses to start: its ingest thread is a file of the npm installation.
    const serve = runToFiles(LINUX, ['collector', 'serve', '--db', 'postgres://postgres@127.0.0.1:1/none', '--port', '0'], await tempHome())
    expect(serve.status).toBe(3)
    expect(serve.stderr).toContain('the one-file executable cannot load src/collector/ingest/thread.js')
  })
})

describe.skipIf(skipUnlessStrict(noWindows || noWine))('the win-x64 executable under Wine', () => {
  let home = ''
  let wine: Record<string, string> = {}
  beforeAll(async () => {
    home = await tempHome()
    wine = { WINEPREFIX: path.join(home, 'wine'), WINEDEBUG: '-all' }
    const prefix = runToFiles('wine', ['winecfg', '/v', 'win10'], home, wine)
    expect(prefix.status, prefix.stderr).toBe(0)
  }, 200_000)
  // The prefix's wineserver lingers after its last process; it must not outlive the temp folder.
  afterAll(() => {
    if (home) spawnSync('wineserver', ['-k'], { env: { ...process.env, ...wine } })
  })

  it('says its version', { timeout: 200_000 }, () => {
    const run = runToFiles('wine', [WINDOWS, '--version'], home, wine)
    expect(run).toMatchObject({ status: 0, stdout: `${version}\n` })
  })

  it('gives a valid Windows report whose PowerShell facts are errors with the reason', { timeout: 200_000 }, () => {
    const checked = report(runToFiles('wine', [WINDOWS, 'check', '--format', 'json'], home, wine))
    expect(checked.device.os.platform).toBe('windows')
    const judged = checked.results.filter((result) => result.status !== 'not_applicable' && result.status !== 'skipped')
    expect(judged.length).toBeGreaterThan(10)
    for (const result of judged) {
      expect(result.status, result.id).toBe('error')
      expect(result.message, result.id).toContain('Windows PowerShell printed nothing')
    }
  })
})
