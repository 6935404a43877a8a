/**
 * The ward's two-way channel end to end: a real collector process, its admin commands, and the
 * real agent CLI on enrolled PCs of two units, as in the field.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { hygiene } from '../helpers/cli.js'
import { freePort, startServe } from '../helpers/processes.js'
import { tempTree } from '../helpers/temp-tree.js'

/** Two quick checks, so each agent run takes well under a second. */
const QUICK = ['--only', 'backup.recent,access.empty-password']

async function ward() {
  const home = await tempTree()
  const db = `sqlite:${home}/ward.db`
  const port = freePort()
  const admin = (args: string[]) => hygiene(['collector', ...args, '--db', db, '--lang', 'en'], { home })
  await admin(['unit', 'add', 'THCS-01', '--name', 'Trường THCS Mường Lay'])
  await admin(['unit', 'add', 'UBND', '--name', 'UBND phường'])
  let server = await startServe(db, { home, port })
  const pc = async (name: string, unit: string) => {
    await mkdir(`${home}/${name}`)
    const code = (await admin(['enroll-code', 'create', '--unit', unit])).stdout.trim()
    const run = (args: string[]) => hygiene(args, { home: `${home}/${name}` })
    const enrolled = await run(['enroll', '--server', server.url, '--code', code])
    expect(enrolled.exitCode, enrolled.stderr).toBe(0)
    return run
  }
  const incidentsStored = () => {
    const sqlite = new Database(`${home}/ward.db`, { readonly: true })
    const rows = sqlite.prepare('select reference, unit_code from incidents').all() as Array<{ reference: string; unit_code: string }>
    sqlite.close()
    return rows
  }
  return {
    home,
    admin,
    pc,
    incidentsStored,
    async stop() {
      server.process.kill('SIGKILL')
      await server.process.catch(() => {})
    },
    async restart() {
      server = await startServe(db, { home, port })
    },
  }
}

describe('advisories from the police to the PCs', () => {
  it('appear in an enrolled PC\'s text and HTML reports as text, not in another unit\'s, stay cached offline, and go when they expire', { timeout: 120_000 }, async () => {
    const w = await ward()
    const school = await w.pc('pc-thuvien', 'THCS-01')
    const office = await w.pc('pc-motcua', 'UBND')
    const added = await w.admin([
      'advisory', 'add', '--units', 'THCS-01', '--severity', 'critical', '--expires', '2099-12-31',
      '--title', 'Cảnh giác ứng dụng học tập giả',
      '--body', 'Không cài ứng dụng <b>theo link</b> https://hoc-tap.example gửi qua Zalo.',
    ])
    expect(added.exitCode, added.stderr).toBe(0)
    const id = added.stdout.trim()

    const text = await school(['check', '--lang', 'vi', ...QUICK])
    expect(text.stdout).toContain('Cảnh giác ứng dụng học tập giả')
    expect(text.stdout).toContain('<b>theo link</b> https://hoc-tap.example')
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Điểm: \d+\/100/)

    await school(['check', '--lang', 'vi', '--format', 'html', '--output', 'report.html', ...QUICK])
    const html = await readFile(`${w.home}/pc-thuvien/report.html`, 'utf8')
    expect(html).toContain('Cảnh giác ứng dụng học tập giả')
    expect(html).toContain('&#60;b&#62;theo link&#60;/b&#62;')
    expect(html).not.toContain('href="https://hoc-tap.example')

    expect((await office(['check', '--lang', 'vi', ...QUICK])).stdout).not.toContain('Cảnh giác ứng dụng học tập giả')

    await w.stop()
    const offline = await school(['check', '--lang', 'vi', ...QUICK])
    expect(offline.stdout).toContain('Cảnh giác ứng dụng học tập giả')
    expect(offline.stdout).toMatch(/Nhận (lúc|ngày) .*2026/)
    await w.restart()

    // Its expiry moved into the past, as on the day after: the PCs stop showing it.
    expect((await w.admin(['advisory', 'edit', id, '--expires', '2026-11-01'])).exitCode).toBe(0)
    expect((await school(['check', '--lang', 'vi', ...QUICK])).stdout).not.toContain('Cảnh giác ứng dụng học tập giả')
    const listed = JSON.parse((await school(['advisories', '--format', 'json'])).stdout)
    expect(listed.advisories).toEqual([])
  })
})

describe('incidents from the PCs to the police', () => {
  it('filed offline, arrives once when the collector is back, in the queue of the PC\'s unit', { timeout: 120_000 }, async () => {
    const w = await ward()
    const school = await w.pc('pc-thuvien', 'THCS-01')
    await w.stop()
    const filed = await school(['incident', '--lang', 'vi', '--kind', 'scam-call', '--description', 'Người gọi xưng công an, đòi mã OTP', '--money-given'])
    expect(filed.exitCode).toBe(4)
    const reference = /SC-[0-9A-F]{8}/.exec(filed.stdout + filed.stderr)?.[0]
    expect(reference).toBeDefined()
    expect(filed.stdout + filed.stderr).toContain('ngân hàng')

    await w.restart()
    expect((await school(['upload'])).exitCode).toBe(0)
    expect((await school(['upload'])).exitCode).toBe(0)
    expect(w.incidentsStored()).toEqual([{ reference, unit_code: 'THCS-01' }])
    const queue = await w.admin(['incidents'])
    // The PC's name is this machine's, as enrollment sent it.
    expect(queue.stdout).toContain(`${reference}  new  THCS-01  ${hostname()}  scam call or message`)
  })
})
