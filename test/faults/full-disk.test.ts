/** A full disk while spooling or logging: the reports already waiting stay whole, and the error says what happened. */
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs/promises'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic, type AtomicFs } from '../../src/core/atomic-file.js'
import { ExitCode } from '../../src/core/exit-codes.js'
import { HygieneError } from '../../src/core/errors.js'
import { addToSpool, reportSpool, spoolDir, spoolReport } from '../../src/upload/spool.js'
import { BIN, STACK_LINE } from '../helpers/cli.js'
import { healthyFacts, snapshotOf } from '../helpers/facts.js'
import { testHost } from '../helpers/probe-context.js'
import { makeReport } from '../helpers/reports.js'
import { tempTree } from '../helpers/temp-tree.js'
/** Writes half of what it is given, then fails as a full disk does. */
const fullDisk: AtomicFs = {
  ...fs,
  writeFile: (async (file: string, data: string) => {
    await fs.writeFile(file, data.slice(0, data.length / 2))
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
  }) as AtomicFs['writeFile'],
}

/** Every file of a folder with its content. */
async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort()
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(dir, name), 'utf8')] as const)))
}

describe('writeFileAtomic on a full disk', () => {
  it('leaves the old file whole and no temp file behind', async () => {
    const dir = await tempTree({ 'state.json': '{"old":true}' })
    const file = path.join(dir, 'state.json')
    await expect(writeFileAtomic(file, JSON.stringify({ fresh: 'x'.repeat(1000) }), 0o600, fullDisk)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await contents(dir)).toEqual({ 'state.json': '{"old":true}' })
  })
})

describe('the spool on a full disk', () => {
  it('keeps the reports already waiting, byte for byte, and says the disk may be full', async () => {
    const host = testHost({ homeDir: await tempTree() })
    await spoolReport(host, await makeReport({ generatedAt: '2026-11-20T03:00:00.000Z' }))
    await spoolReport(host, await makeReport({ generatedAt: '2026-11-21T03:00:00.000Z' }))
    const before = await contents(spoolDir(host))
    const failure = await addToSpool(host, reportSpool, await makeReport(), fullDisk).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(HygieneError)
    expect(failure).toMatchObject({ key: 'upload.spoolWriteFailed', exitCode: ExitCode.CouldNotComplete, vars: { dir: spoolDir(host), reason: expect.stringContaining('ENOSPC') } })
    expect(await contents(spoolDir(host))).toEqual(before)
  })
})

/** A TCP port nothing listens on: the collector is down. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** The built CLI under a 1 KiB file-size limit (`ulimit -f 1`): every larger write fails with EFBIG, as on a full disk. */
async function hygieneOnFullDisk(home: string, args: string[]) {
  const result = await execa('sh', ['-c', 'ulimit -f 1 && exec "$0" "$@"', process.execPath, BIN, ...args], {
    cwd: home,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1', HYGIENE_DEVICE_TOKEN: 'token-of-this-pc' },
    timeout: 90_000,
  })
  return { exitCode: result.exitCode, stderr: String(result.stderr) }
}

describe('hygiene on a full disk (child process)', () => {
  it('check --upload with the collector down: exit 3, a clear message, the old spool intact', async () => {
    const home = await tempTree()
    const host = testHost({ homeDir: home })
    await writeFile(path.join(home, 'facts.json'), JSON.stringify(snapshotOf(healthyFacts())))
    const config = path.join(home, '.config/hygiene/config.yaml')
    await mkdir(path.dirname(config), { recursive: true })
    await writeFile(config, `server:\n  url: http://127.0.0.1:${await closedPort()}\n  deviceId: ${randomUUID()}\n  unit: { code: UB-01, name: UBND }\n`)
    await spoolReport(host, await makeReport({ generatedAt: '2026-11-20T03:00:00.000Z' }))
    const before = await contents(spoolDir(host))

    const run = await hygieneOnFullDisk(home, ['check', '--facts', 'facts.json', '--upload', '--insecure-http', '--format', 'json', '--lang', 'en'])
    expect(run.stderr).not.toMatch(STACK_LINE)
    expect(run.stderr).not.toContain('Internal error')
    expect(run.stderr).toContain(`could not keep the report in the spool ${spoolDir(host)} (EFBIG: file too large, write). Is the disk full?`)
    expect(run.exitCode).toBe(ExitCode.CouldNotComplete)
    expect(await contents(spoolDir(host))).toEqual(before)
  }, 120_000)

  it('a scheduled check whose log file cannot grow still ends with its exit code, without a crash', async () => {
    const home = await tempTree()
    await writeFile(path.join(home, 'facts.json'), JSON.stringify(snapshotOf(healthyFacts())))
    const log = path.join(home, '.local/share/hygiene/schedule/check.log')
    const run = await hygieneOnFullDisk(home, ['check', '--facts', 'facts.json', '--log-file', log, '--lang', 'en'])
    expect(run.exitCode).toBe(ExitCode.Ok)
    expect(run.stderr).toBe('')
    expect((await readFile(log, 'utf8')).startsWith('--- ')).toBe(true)
  }, 120_000)
})
