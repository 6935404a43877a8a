/** `hygiene collector ...` end to end: the admin commands and the server as child processes. */
import { execFileSync } from 'node:child_process'
import { request as httpsRequest } from 'node:https'
import { request as httpRequest } from 'node:http'
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { freshDatabaseUrl, noPostgres } from '../helpers/databases.js'
import { makeReport } from '../helpers/reports.js'
import { startServe } from '../helpers/processes.js'
import { skipUnlessStrict } from '../helpers/strict.js'
import { tempTree } from '../helpers/temp-tree.js'

const DEVICE = { id: 'b'.repeat(32), hostname: 'PC-VANTHU', os: { platform: 'linux', name: 'Debian 13' } }

async function admin(db: string, home: string, args: string[], env: Record<string, string> = {}) {
  return hygiene(['collector', ...args, '--db', db], { home, env })
}

/** A unit with an enrollment code, then a device enrolled over HTTP: its token. */
async function enrolledToken(db: string, home: string, url: string, unit = 'UB-01'): Promise<string> {
  await admin(db, home, ['unit', 'add', unit, '--name', 'UBND phường Mường Lay'])
  const code = (await admin(db, home, ['enroll-code', 'create', '--unit', unit])).stdout.trim()
  const response = await fetch(`${url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, device: DEVICE }),
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { token: string }).token
}

async function postReport(url: string, token: string, report: unknown) {
  return fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(report),
  })
}

describe('collector admin commands', () => {
  it('adds units, prints an enrollment code alone on stdout, lists units as JSON and CSV', async () => {
    const home = await tempTree()
    const db = `sqlite:${home}/ward.db`
    expect((await admin(db, home, ['unit', 'add', 'thcs-01', '--name', 'Trường THCS Mường Lay'])).exitCode).toBe(0)
    const created = await admin(db, home, ['enroll-code', 'create', '--unit', 'THCS-01', '--uses', '30', '--expires', '2w'])
    expect(created.exitCode).toBe(0)
    expect(created.stdout).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    expect(created.stderr).toContain('30')
    const units = JSON.parse((await admin(db, home, ['units', '--format', 'json'])).stdout)
    expect(units).toEqual([
      { code: 'THCS-01', name: 'Trường THCS Mường Lay', score: null, devices: 0, reporting7d: 0, stale: 0, criticalFailures: 0, topFailedRules: [] },
    ])
    const csv = (await admin(db, home, ['units', '--format', 'csv'])).stdout
    expect(csv.startsWith('\uFEFFcode,name,score')).toBe(true)
    expect(csv).toContain('THCS-01,Trường THCS Mường Lay,,0,0,0,0,')
  })

  it('takes a password from HYGIENE_PASSWORD, never from an argument', async () => {
    const home = await tempTree()
    const db = `sqlite:${home}/ward.db`
    await admin(db, home, ['unit', 'add', 'CA', '--name', 'Công an phường'])
    const added = await admin(db, home, ['user', 'add', 'trung.ta', '--role', 'viewer', '--unit', 'CA'], { HYGIENE_PASSWORD: 'mat-khau-cong-an' })
    expect(added.exitCode, added.stderr).toBe(0)
    expect((await admin(db, home, ['user', 'list'])).stdout).toContain('trung.ta  viewer  CA')
    const noPassword = await admin(db, home, ['user', 'add', 'x.y', '--role', 'admin'])
    expect(noPassword.exitCode).toBe(2)
    expect(noPassword.stderr).toContain('HYGIENE_PASSWORD')
    const unknownOption = await admin(db, home, ['user', 'add', 'x.y', '--role', 'admin', '--password', 'secret123456'])
    expect(unknownOption.exitCode).toBe(2)
  })

  it.each([
    ['an unknown unit', ['enroll-code', 'create', '--unit', 'NOPE'], 'NOPE', 2],
    ['a bad expiry', ['enroll-code', 'create', '--unit', 'X', '--expires', 'soon'], 'soon', 2],
    ['a viewer without unit', ['user', 'add', 'gv', '--role', 'viewer'], '--unit', 2],
    ['a bad unit code', ['unit', 'add', 'bad code', '--name', 'x'], 'bad code', 2],
    ['a bad rate limit', ['serve', '--rate-limit-device', '0'], '--rate-limit-device', 2],
  ])('refuses %s with a clear message', async (_name, args, word, code) => {
    const home = await tempTree()
    const run = await admin(`sqlite:${home}/ward.db`, home, args)
    expect(run.exitCode).toBe(code)
    expect(run.stderr).toContain(word)
    expect(run.stderr).not.toMatch(STACK_LINE)
  })

  it('refuses a database URL it does not know, and says when the database cannot be reached', async () => {
    const home = await tempTree()
    const bad = await hygiene(['collector', 'units', '--db', 'mysql://root@localhost/x'], { home })
    expect(bad.exitCode).toBe(2)
    const down = await hygiene(['collector', 'units', '--db', 'postgres://postgres:secret@127.0.0.1:1/none'], { home })
    expect(down.exitCode).toBe(3)
    expect(down.stderr).toContain('postgres://postgres:***@127.0.0.1:1/none')
    expect(down.stderr).not.toContain('secret')
  })

  it('refuses to serve from a database in memory, which its ingest thread could not open', async () => {
    const home = await tempTree()
    const run = await hygiene(['collector', 'serve', '--db', 'sqlite::memory:', '--port', '0'], { home })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('--db sqlite:PATH')
    expect(run.stderr).not.toMatch(STACK_LINE)
  })
})

describe('collector server', () => {
  it('keeps a report acknowledged with 202 through a SIGKILL', async () => {
    const home = await tempTree()
    const db = `sqlite:${home}/ward.db`
    const server = await startServe(db, { home })
    const token = await enrolledToken(db, home, server.url)
    const report = await makeReport()
    expect((await postReport(server.url, token, report)).status).toBe(202)
    server.process.kill('SIGKILL')
    await server.process
    const units = JSON.parse((await admin(db, home, ['units', '--format', 'json'])).stdout)
    expect(units[0]).toMatchObject({ code: 'UB-01', devices: 1, score: 100 })
  })

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const home = await tempTree()
    const db = `sqlite:${home}/ward.db`
    const server = await startServe(db, { home })
    const token = await enrolledToken(db, home, server.url)
    const body = JSON.stringify(await makeReport())
    const port = Number(new URL(server.url).port)
    const status = new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/reports', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
        (response) => resolve(response.statusCode ?? 0),
      )
      request.on('error', reject)
      // Half the body now, SIGTERM, then the rest: the server must wait for it.
      request.write(body.slice(0, 100))
      setTimeout(() => {
        server.process.kill('SIGTERM')
        setTimeout(() => request.end(body.slice(100)), 300)
      }, 200)
    })
    expect(await status).toBe(202)
    const exited = await server.process
    expect(exited.exitCode, `${exited.signal} ${server.output()}`).toBe(0)
    expect(JSON.parse((await admin(db, home, ['units', '--format', 'json'])).stdout)[0].devices).toBe(1)
  })

  describe.skipIf(noPostgres)('on PostgreSQL', () => {
    it('stores once a report that two collector processes receive at the same moment', async () => {
      const home = await tempTree()
      const db = await freshDatabaseUrl('postgres')
      const [one, two] = await Promise.all([startServe(db, { home }), startServe(db, { home })])
      const token = await enrolledToken(db, home, one.url)
      const report = await makeReport()
      const responses = await Promise.all([postReport(one.url, token, report), postReport(two.url, token, report)])
      const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { status: string }).status))
      expect(outcomes.sort()).toEqual(['duplicate', 'stored'])
      const client = new pg.Client({ connectionString: db })
      await client.connect()
      const { rows } = await client.query('select count(*)::int as n from reports')
      await client.end()
      expect(rows[0].n).toBe(1)
    })
  })

  describe.skipIf(skipUnlessStrict(!(() => { try { execFileSync('openssl', ['version']); return true } catch { return false } })()))('over TLS', () => {
    it('serves HTTPS with the given certificate', async () => {
      const home = await tempTree()
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', `${home}/key.pem`, '-out', `${home}/cert.pem`], { stdio: 'ignore' })
      const server = await startServe(`sqlite:${home}/ward.db`, { home, scheme: 'https', extra: ['--tls-cert', `${home}/cert.pem`, '--tls-key', `${home}/key.pem`] })
      const ca = await readFile(`${home}/cert.pem`)
      const get = (trusted: boolean) =>
        new Promise<number>((resolve, reject) => {
          const request = httpsRequest(`${server.url}/healthz`, trusted ? { ca } : {}, (response) => resolve(response.statusCode ?? 0))
          request.on('error', reject)
          request.end()
        })
      expect(await get(true)).toBe(200)
      await expect(get(false)).rejects.toThrow(/self.signed|unable to verify/i)
    })
  })
})
