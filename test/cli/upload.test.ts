/** Enrollment and upload end to end: a real collector process and the real CLI, as in the field. */
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { freePort, startServe } from '../helpers/processes.js'
import { skipUnlessStrict } from '../helpers/strict.js'
import { tempTree } from '../helpers/temp-tree.js'

/** Only two quick checks, so each agent run takes well under a second. */
const QUICK = ['--only', 'backup.recent,access.empty-password']

async function ward(options: { extra?: string[]; scheme?: 'http' | 'https'; port?: number } = {}) {
  const home = await tempTree()
  const db = `sqlite:${home}/ward.db`
  const port = options.port ?? freePort()
  const admin = (args: string[]) => hygiene(['collector', ...args, '--db', db], { home })
  await admin(['unit', 'add', 'THCS-01', '--name', 'Trường THCS Mường Lay'])
  const code = (await admin(['enroll-code', 'create', '--unit', 'THCS-01', '--uses', '5'])).stdout.trim()
  const server = await startServe(db, { home, port, extra: options.extra, scheme: options.scheme })
  await mkdir(`${home}/pc`)
  const agent = (args: string[], env: Record<string, string> = {}) => hygiene(args, { home: `${home}/pc`, env })
  const reportsStored = (reportId: string) => {
    const sqlite = new Database(`${home}/ward.db`, { readonly: true })
    const row = sqlite.prepare('select count(*) as n from reports where report_id = ?').get(reportId) as { n: number }
    sqlite.close()
    return row.n
  }
  return { home, db, port, code, server, admin, agent, reportsStored }
}

describe('hygiene enroll, check --upload, upload, status', () => {
  it('enrolls, uploads, and the unit score follows the PC', async () => {
    const w = await ward()
    const enrolled = await w.agent(['enroll', '--server', w.server.url, '--code', w.code])
    expect(enrolled.exitCode, enrolled.stderr).toBe(0)
    expect(enrolled.stdout).toContain('THCS-01')
    // On this headless machine no Secret Service answers: the token is in a file only the user reads.
    const tokenFile = `${w.home}/pc/.config/hygiene/device-token`
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600)
    // Kept with the collector that issued it: sent to no other.
    const { token, issuer } = JSON.parse(await readFile(tokenFile, 'utf8')) as { token: string; issuer: string }
    expect(issuer).toBe(w.server.url)
    const config = await readFile(`${w.home}/pc/.config/hygiene/config.yaml`, 'utf8')
    expect(config).toContain(w.server.url)
    expect(config).not.toContain(token)

    const run = await w.agent(['check', '--upload', '--format', 'json', ...QUICK])
    expect(run.exitCode, run.stderr).toBeLessThanOrEqual(1)
    const report = JSON.parse(run.stdout) as { reportId: string; score: { value: number }; unit: { code: string } }
    expect(report.unit.code).toBe('THCS-01')
    expect(run.stderr).toContain('1 report(s) sent')
    const units = JSON.parse((await w.admin(['units', '--format', 'json'])).stdout)
    expect(units[0]).toMatchObject({ code: 'THCS-01', devices: 1, score: report.score.value, reporting7d: 1 })

    const status = JSON.parse((await w.agent(['status', '--format', 'json'])).stdout)
    expect(status).toMatchObject({
      enrolled: true,
      server: w.server.url,
      unit: { code: 'THCS-01', name: 'Trường THCS Mường Lay' },
      deviceId: expect.any(String),
      credentialStore: { kind: 'file', hasToken: true },
      lastUpload: { result: 'delivered', reportId: report.reportId },
      spooled: 0,
    })
    expect(JSON.stringify(status)).not.toContain(token)
  })

  it('keeps a report through a collector outage and delivers it exactly once', async () => {
    const w = await ward()
    await w.agent(['enroll', '--server', w.server.url, '--code', w.code])
    w.server.process.kill('SIGKILL')
    await w.server.process
    const down = await w.agent(['check', '--upload', '--format', 'json', ...QUICK])
    expect(down.exitCode).toBe(4)
    expect(down.stderr).toMatch(/wait in the spool/)
    const { reportId } = JSON.parse(down.stdout) as { reportId: string }
    expect(JSON.parse((await w.agent(['status', '--format', 'json'])).stdout)).toMatchObject({ spooled: 1, lastUpload: { result: 'spooled' } })

    await startServe(w.db, { home: w.home, port: w.port })
    const sent = await w.agent(['upload'])
    expect(sent.exitCode, sent.stderr).toBe(0)
    expect(w.reportsStored(reportId)).toBe(1)
    const again = await w.agent(['upload'])
    expect(again.exitCode).toBe(0)
    expect(again.stderr).toContain('Nothing waits to be sent')
    expect(w.reportsStored(reportId)).toBe(1)
  })

  it('does not move an enrolled PC to another collector without --replace', async () => {
    const w = await ward()
    expect((await w.agent(['enroll', '--server', w.server.url, '--code', w.code])).exitCode).toBe(0)
    const again = await w.agent(['enroll', '--server', w.server.url, '--code', w.code, '--lang', 'en'])
    expect(again.exitCode).toBe(2)
    expect(again.stderr).toBe(
      `hygiene: this PC is already enrolled with ${w.server.url} (unit THCS-01). To move it to another collector, check with the ward's IT person first, then run again with --replace. Anyone who phones and asks you to do this is a scammer.`,
    )
    const before = JSON.parse((await w.agent(['status', '--format', 'json'])).stdout) as { deviceId: string }
    const replaced = await w.agent(['enroll', '--server', w.server.url, '--code', w.code, '--replace'])
    expect(replaced.exitCode, replaced.stderr).toBe(0)
    const after = JSON.parse((await w.agent(['status', '--format', 'json'])).stdout) as { deviceId: string }
    expect(after.deviceId).not.toBe(before.deviceId)
  })

  it('never sends the device token to a server other than the one that issued it, whatever the config says', async () => {
    const w = await ward()
    expect((await w.agent(['enroll', '--server', w.server.url, '--code', w.code])).exitCode).toBe(0)
    // A server that records what it is sent, and a config file naming it (as a scammer would hand one over).
    const received: string[] = []
    const other = createServer((request, response) => {
      received.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`)
      response.writeHead(202, { 'content-type': 'application/json' }).end('{}')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
    const config = await readFile(`${w.home}/pc/.config/hygiene/config.yaml`, 'utf8')
    await writeFile(`${w.home}/other.yaml`, config.replace(w.server.url, otherUrl))
    try {
      for (const args of [['upload'], ['check', '--upload', ...QUICK], ['advisories'], ['incident', '--kind', 'scam-call', '--description', 'Gọi giả danh công an']]) {
        const run = await w.agent([...args, '--config', `${w.home}/other.yaml`, '--lang', 'en'])
        expect(run.exitCode, args.join(' ')).toBe(2)
        expect(run.stderr).toContain(`this PC's device token was issued by ${w.server.url}, but the configuration names ${otherUrl}: the token is not sent there.`)
        expect(run.stderr).not.toMatch(STACK_LINE)
      }
      const vi = await w.agent(['upload', '--config', `${w.home}/other.yaml`, '--lang', 'vi'])
      expect(vi.stderr).toContain(`mã xác thực của máy này do ${w.server.url} cấp`)
      expect(received).toEqual([])
      // The PC's own configuration still uploads.
      expect((await w.agent(['check', '--upload', ...QUICK])).exitCode).toBeLessThanOrEqual(1)
    } finally {
      other.close()
    }
  })

  it('tells a revoked PC to enroll again, and keeps its report', async () => {
    const w = await ward()
    await w.agent(['enroll', '--server', w.server.url, '--code', w.code])
    const { deviceId } = JSON.parse((await w.agent(['status', '--format', 'json'])).stdout) as { deviceId: string }
    expect((await w.admin(['device', 'revoke', deviceId])).exitCode).toBe(0)
    const run = await w.agent(['check', '--upload', ...QUICK, '--lang', 'vi'])
    expect(run.exitCode).toBe(4)
    expect(run.stderr).toContain('đăng ký lại')
    expect(JSON.parse((await w.agent(['status', '--format', 'json'])).stdout)).toMatchObject({ spooled: 1, lastUpload: { result: 'unauthorized' } })
  })

  it('refuses a used-up or expired code, a missing enrollment and plain HTTP to another machine, clearly', async () => {
    const w = await ward()
    const used = await w.admin(['enroll-code', 'create', '--unit', 'THCS-01', '--uses', '1'])
    const code = used.stdout.trim()
    expect((await w.agent(['enroll', '--server', w.server.url, '--code', code])).exitCode).toBe(0)
    const elsewhere = async (name: string) => {
      await mkdir(`${w.home}/${name}`)
      return `${w.home}/${name}`
    }
    const second = await hygiene(['enroll', '--server', w.server.url, '--code', code], { home: await elsewhere('pc2') })
    expect(second.exitCode).toBe(2)
    expect(second.stderr).toContain('enrollment code')
    const late = (await w.admin(['enroll-code', 'create', '--unit', 'THCS-01', '--uses', '3'])).stdout.trim()
    const sqlite = new Database(`${w.home}/ward.db`)
    sqlite.prepare('update enroll_codes set expires_at = ? where expires_at > ?').run('2020-01-01T00:00:00.000Z', new Date().toISOString())
    sqlite.close()
    const expired = await hygiene(['enroll', '--server', w.server.url, '--code', late], { home: await elsewhere('pc5') })
    expect(expired.exitCode).toBe(2)
    expect(expired.stderr).toContain('expired')
    const notEnrolled = await hygiene(['check', '--upload', ...QUICK], { home: await elsewhere('pc3') })
    expect(notEnrolled.exitCode).toBe(2)
    expect(notEnrolled.stderr).toContain('hygiene enroll --server')
    expect(notEnrolled.stdout).toBe('')
    const plain = await hygiene(['enroll', '--server', 'http://collector.phuong.example:8750', '--code', code], { home: await elsewhere('pc4') })
    expect(plain.exitCode).toBe(2)
    expect(plain.stderr).toContain('--insecure-http')
    for (const run of [second, expired, notEnrolled, plain]) expect(run.stderr).not.toMatch(STACK_LINE)
  })

  it('prints exactly what would be sent with --dry-run, redacted, and sends nothing', async () => {
    const w = await ward()
    await w.agent(['enroll', '--server', w.server.url, '--code', w.code])
    const saved = await w.agent(['check', '--format', 'json', '--output', `${w.home}/r.json`, ...QUICK])
    expect(saved.exitCode).toBeLessThanOrEqual(1)
    const dry = await w.agent(['upload', `${w.home}/r.json`, '--dry-run'])
    expect(dry.exitCode).toBe(0)
    const [report] = JSON.parse(dry.stdout) as Array<{ reportId: string }>
    expect(w.reportsStored(report!.reportId)).toBe(0)
    expect(dry.stdout).not.toContain(`${w.home}/pc`)
  })
})

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'])
    return true
  } catch {
    return false
  }
})()

describe.skipIf(skipUnlessStrict(!hasOpenssl))('uploads over TLS', () => {
  it('refuses a certificate it does not trust, and trusts the ward CA given with --ca', async () => {
    const certs = await tempTree()
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', `${certs}/key.pem`, '-out', `${certs}/ca.pem`], { stdio: 'ignore' })
    const w = await ward({ scheme: 'https', extra: ['--tls-cert', `${certs}/ca.pem`, '--tls-key', `${certs}/key.pem`] })
    const untrusted = await w.agent(['enroll', '--server', w.server.url, '--code', w.code])
    expect(untrusted.exitCode).toBe(3)
    expect(untrusted.stderr).toContain('--ca')
    const trusted = await w.agent(['enroll', '--server', w.server.url, '--code', w.code, '--ca', `${certs}/ca.pem`])
    expect(trusted.exitCode, trusted.stderr).toBe(0)
    const run = await w.agent(['check', '--upload', ...QUICK])
    expect(run.exitCode, run.stderr).toBeLessThanOrEqual(1)
    expect(run.stderr).toContain('1 report(s) sent')
  })
})
