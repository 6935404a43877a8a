// `npm run bench:collector`: report ingest over keep-alive HTTP (autocannon) into the collector on SQLite and on
// PostgreSQL, side by side with a bare node:http server that only parses the same bodies (the ceiling), the
// collector's peak RSS under that load, and the units table for 100,000 devices in 1,000 units (targets from
// the collector issue: ≥ 2,000 reports/s on SQLite and ≥ 30% of the ceiling, units table ≤ 100 ms, RSS ≤ 300 MB).
// The load generator (autocannon) runs in this process, apart from every server, and is the same for all of them;
// its own CPU time is printed too, because on 2 cores it competes with the server it loads.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import pg from 'pg'
import { openDatabase } from '../dist/collector/db/connect.js'
import { unitTable } from '../dist/collector/store/unit-table.js'
import { computeScore } from '../dist/engine/score.js'
import { ReportSchema } from '../dist/report/schema.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const DEVICES = 100
const PG_URL = process.env.HYGIENE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'hygiene.js')
const work = mkdtempSync(path.join(os.tmpdir(), 'hygiene-bench-collector-'))
const home = path.join(work, 'home')
mkdirSync(home)
const childEnv = { ...process.env, HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8' }

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** A small seeded generator, so every run sends and seeds the same data. */
function prng(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- Realistic reports: 40 results, the 6 built-in rules and 34 of packs the collector does not know.

const BUILTIN = [
  ['password.max-age', 'password', 'high', 'Mật khẩu được thay đổi định kỳ'],
  ['access.empty-password', 'access', 'critical', 'Không có tài khoản nào để trống mật khẩu'],
  ['backup.recent', 'backup', 'high', 'Dữ liệu quan trọng được sao lưu gần đây'],
  ['updates.pending', 'updates', 'high', 'Các bản vá bảo mật đã được cài'],
  ['updates.os-supported', 'updates', 'high', 'Hệ điều hành còn được hỗ trợ bảo mật'],
  ['downloads.risky-files', 'downloads', 'medium', 'Không có tệp nguy hiểm trong thư mục tải về và tin nhắn'],
]
const OTHER_TOPICS = [
  ['malware', 'bộ diệt virus', ['defender-on', 'signatures-fresh', 'realtime-on', 'scan-recent', 'tamper-protection']],
  ['network', 'mạng', ['firewall-on', 'rdp-exposed', 'smb1-off', 'wifi-wpa2', 'shares-guest', 'remote-registry']],
  ['data', 'dữ liệu', ['disk-encryption', 'usb-autorun-off', 'recycle-old-files', 'office-macros-off', 'removable-write']],
  ['scam', 'lừa đảo', ['browser-extensions', 'remote-tools', 'zalo-links', 'fake-bank-apps', 'saved-passwords']],
  ['password', 'mật khẩu', ['screen-lock', 'min-length', 'lockout', 'shared-accounts']],
  ['access', 'quyền truy cập', ['guest-off', 'admin-count', 'uac-on', 'autologon-off', 'sudo-nopasswd']],
  ['updates', 'cập nhật', ['browser', 'office', 'zalo', 'java', 'pdf-reader']],
]
const OTHER = OTHER_TOPICS.flatMap(([category, topic, names]) => names.map((name) => [`${category}.${name}`, category, topic]))
const WEIGHTS = { critical: 10, high: 6, medium: 3, low: 1 }
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low']
const FAIL_ODDS = { 'password.max-age': 0.3, 'access.empty-password': 0.05, 'backup.recent': 0.4, 'updates.pending': 0.5, 'updates.os-supported': 0.15, 'downloads.risky-files': 0.1 }
const PACKAGES = ['apt', 'ca-certificates', 'libssl3', 'openssl', 'libgnutls30', 'libkrb5-3', 'libnss3', 'libpam0g', 'libexpat1', 'libxml2', 'firefox-esr', 'thunderbird', 'libreoffice-core', 'libpng16-16', 'libcups2', 'linux-image-amd64', 'sudo', 'openssh-client', 'curl', 'libcurl4']

function pickStatus(random, failOdds) {
  const roll = random()
  if (roll < failOdds) return 'fail'
  if (roll < failOdds + 0.1) return 'warn'
  if (roll < failOdds + 0.14) return 'error'
  if (roll < failOdds + 0.2) return 'not_applicable'
  return 'pass'
}

function result(random, [id, category, severity, title], status, topic) {
  const files = Array.from({ length: Math.floor(random() * 3) }, (_, i) => ({
    path: `C:\\Users\\vanthu\\Downloads\\cong-van-${100 + i}.pdf.exe`,
    sizeBytes: Math.floor(random() * 5_000_000),
    modifiedAt: '2026-11-20T02:13:00.000Z',
  }))
  const about = topic ?? title.toLowerCase()
  const messages = {
    fail: `Có ${files.length + 1} mục về ${about} cần xử lý; hãy báo cán bộ công nghệ thông tin của đơn vị.`,
    warn: `Cấu hình ${about} chưa theo khuyến nghị của Công an phường.`,
    error: `Không kiểm tra được ${about}: lệnh kiểm tra hết thời gian chờ sau 10 giây.`,
    not_applicable: `Máy này không có thành phần ${about} nào.`,
    pass: `Đạt yêu cầu về ${about}.`,
  }
  const evidence =
    id === 'updates.pending'
      ? { packageManager: 'apt', pendingUpdates: 41, pendingSecurityUpdates: 17, securityPackages: PACKAGES.slice(0, 8 + Math.floor(random() * 8)), indexAgeDays: 1, rebootRequired: random() < 0.3, problems: [] }
      : { checkedAt: '2026-11-29T03:00:00.000Z', source: random() < 0.5 ? 'registry' : 'powershell', items: status === 'fail' ? files : [], notes: status === 'error' ? ['Get-CimInstance: Access denied (0x80070005)'] : [] }
  return {
    id,
    title: title ?? `Kiểm tra ${topic}: ${id.split('.')[1].replaceAll('-', ' ')}`,
    category,
    severity,
    weight: WEIGHTS[severity],
    status,
    message: messages[status],
    evidence,
    remediation: status === 'fail' || status === 'warn' ? `1. Mở Cài đặt, mục ${about}, làm theo CV 1082/UBND-CA, mục 3.\n2. Chạy lại "hygiene check".` : null,
  }
}

const ID_MARK = '00000000-0000-4000-8000-000000000000'
const TIME_MARK = '2000-01-01T00:00:00.000Z'

/** One report body, cut where the report id and the generation time go, so each request costs two joins. */
function reportTemplate(seed) {
  const random = prng(seed)
  const results = [
    ...BUILTIN.map((rule) => result(random, rule, pickStatus(random, FAIL_ODDS[rule[0]]))),
    ...OTHER.map(([id, category, topic]) => result(random, [id, category, SEVERITY_ORDER[Math.floor(random() * 4)]], pickStatus(random, 0.2), topic)),
  ]
  const order = ['fail', 'warn', 'error', 'pass', 'not_applicable', 'skipped']
  results.sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))
  const score = computeScore(results)
  const report = ReportSchema.parse({
    schemaVersion: 1,
    reportId: ID_MARK,
    generatedAt: TIME_MARK,
    lang: 'vi',
    agent: { version: '0.1.0' },
    device: { id: randomBytes(16).toString('hex'), hostname: `PC-VANTHU-${seed}`, os: { platform: 'windows', name: 'Windows 10 Pro', version: '22H2', build: '19045.5247' } },
    unit: { code: 'BENCH-1', name: 'UBND phường Mường Lay' },
    profile: 'office',
    facts: { source: 'collected', collectedAt: '2026-11-29T02:59:51.000Z' },
    score: { version: score.version, value: score.value, grade: score.grade, cappedBy: score.cappedBy, categories: score.categories },
    coverage: score.coverage,
    notices: [],
    results,
  })
  return JSON.stringify(report).split(ID_MARK).flatMap((part) => part.split(TIME_MARK))
}

const templates = Array.from({ length: 8 }, (_, seed) => reportTemplate(seed + 1))
const bodyBytes = median(templates.map((parts) => Buffer.byteLength(parts.join(ID_MARK))))
const started = Date.now() - 86_400_000
/** The n-th report of the run: a fresh id, newer than the previous one (so each moves its device's latest). */
const reportBody = (n) => {
  const [head, middle, tail] = templates[n % templates.length]
  return `${head}${randomUUID()}${middle}${new Date(started + n).toISOString()}${tail}`
}

// ---- Processes and load.

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

const running = []

/** Starts a server process and waits until it answers HTTP on its port; stopped at the end of the run. */
async function startServer(args, port) {
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] })
  let output = ''
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  running.push(() => (child.kill('SIGTERM'), exited))
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false)
    if (up) return { pid: child.pid, url: `http://127.0.0.1:${port}` }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start: ${args.join(' ')}\n${output}`)
}

/** Peak resident memory of a running process (VmHWM), in MB. */
const peakRssMb = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100
/** CPU time (user + system) in ms of a process, all its threads, or of one thread (`/proc/PID/task/TID/stat`). */
const cpuMs = (pid, stat = `/proc/${pid}/stat`) => {
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}
/** The main thread alone: the event loop, which every request passes through (the thread id is the process id). */
const mainThreadCpuMs = (pid) => cpuMs(pid, `/proc/${pid}/task/${pid}/stat`)

/** The machine's CPU time so far, from /proc/stat: [total, stolen by the hypervisor]. */
const cpuTimes = () => {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number)
  return [ticks.reduce((sum, tick) => sum + tick, 0), ticks[7]]
}

/** autocannon against POST /api/v1/reports, each request a fresh report from the next device. */
async function load(target, seconds) {
  let sent = 0
  const cpuBefore = cpuMs(target.pid)
  const mainBefore = mainThreadCpuMs(target.pid)
  const loaderBefore = process.cpuUsage()
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/reports',
        setupRequest: (request) => {
          const n = sent++
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${target.tokens[n % target.tokens.length]}` }, body: reportBody(n) }
        },
      },
    ],
  })
  const loader = process.cpuUsage(loaderBefore)
  const accepted = Number(result.statusCodeStats['202']?.count ?? 0)
  return {
    accepted,
    perSecond: accepted / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rejected: result.non2xx + result.errors + result.timeouts,
    cpuMs: cpuMs(target.pid) - cpuBefore,
    mainMs: mainThreadCpuMs(target.pid) - mainBefore,
    loaderMs: (loader.user + loader.system) / 1000,
    seconds: result.duration,
  }
}

/**
 * Every target warmed up, then measured in turns, round after round, so that a busy moment of the
 * machine hits all of them alike. Rates and latencies are medians of the rounds; the server's peak
 * RSS covers the whole run.
 */
async function measureIngest(targets) {
  for (const target of targets) await load(target, 2)
  const rounds = targets.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, target] of targets.entries()) rounds[i].push(await load(target, SECONDS))
  }
  return targets.map((target, i) => {
    const runs = rounds[i]
    const sum = (key) => runs.reduce((total, run) => total + run[key], 0)
    return {
      perSecond: median(runs.map((run) => run.perSecond)),
      p50: median(runs.map((run) => run.p50)),
      p99: median(runs.map((run) => run.p99)),
      rejected: sum('rejected'),
      cpuMsPerReport: sum('cpuMs') / sum('accepted'),
      mainMsPerReport: sum('mainMs') / sum('accepted'),
      // Share of one core: near 100% means the event loop is the bound, not the database or the loader.
      mainBusy: sum('mainMs') / (10 * sum('seconds')),
      loaderBusy: sum('loaderMs') / (10 * sum('seconds')),
      rssMb: peakRssMb(target.pid),
    }
  })
}

const admin = (db, args) => {
  const run = spawnSync(process.execPath, [bin, 'collector', ...args, '--db', db], { env: childEnv, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`hygiene collector ${args.join(' ')} failed: ${run.stderr}`)
  return run.stdout.trim()
}

/** The collector as a user runs it: units and codes from the admin commands, devices enrolled over HTTP. */
async function collectorTarget(db) {
  const units = 4
  const codes = Array.from({ length: units }, (_, i) => {
    admin(db, ['unit', 'add', `BENCH-${i + 1}`, '--name', `Đơn vị thử ${i + 1}`])
    return admin(db, ['enroll-code', 'create', '--unit', `BENCH-${i + 1}`, '--uses', String(DEVICES / units)])
  })
  const port = await freePort()
  // Limits far above the load: this measures ingest, not the 429 path.
  const server = await startServer([bin, 'collector', 'serve', '--db', db, '--port', String(port), '--rate-limit-device', '1000000', '--rate-limit-ip', '1000000'], port)
  const tokens = []
  for (let i = 0; i < DEVICES; i++) {
    const response = await fetch(`${server.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: codes[i % units], device: { id: randomBytes(16).toString('hex'), hostname: `PC-${i}`, os: { platform: 'windows', name: 'Windows 10 Pro' } } }),
    })
    if (response.status !== 201) throw new Error(`enroll answered ${response.status}: ${await response.text()}`)
    tokens.push((await response.json()).token)
  }
  return { ...server, tokens }
}

async function bareTarget() {
  const port = await freePort()
  return { ...(await startServer([path.join(root, 'bench', 'bare-ingest.mjs'), String(port)], port)), tokens: ['bare'] }
}

// ---- The units table: 100,000 devices in 1,000 units, seeded straight into the tables.

const FAILABLE = Object.entries(FAIL_ODDS)

async function seedUnits(db, now) {
  const random = prng(42)
  const day = 86_400_000
  const units = []
  const devices = []
  const latest = []
  const failures = []
  for (let u = 0; u < 1000; u++) {
    const code = `DV-${String(u).padStart(4, '0')}`
    units.push({ code, name: `Đơn vị số ${u}`, created_at: now.toISOString() })
    for (let d = 0; d < 100; d++) {
      const id = randomUUID()
      const revoked = random() < 0.01
      devices.push({ id, unit_code: code, token_hash: randomBytes(32).toString('hex'), device_key: randomBytes(16).toString('hex'), hostname: `PC-${u}-${d}`, os_platform: 'windows', os_name: 'Windows 10 Pro', enrolled_at: now.toISOString(), revoked_at: revoked ? now.toISOString() : null })
      // Most PCs report weekly; some lapsed past 30 days; some never reported. Revoked ones left the table.
      const roll = random()
      if (revoked || roll < 0.08) continue
      const ageDays = roll < 0.78 ? random() * 7 : roll < 0.95 ? 7 + random() * 23 : 30 + random() * 30
      const generatedAt = new Date(now.getTime() - ageDays * day).toISOString()
      const failed = FAILABLE.filter(([, odds]) => random() < odds).map(([rule]) => rule)
      latest.push({ device_id: id, unit_code: code, report_id: randomUUID(), generated_at: generatedAt, score: failed.includes('access.empty-password') ? 40 : 100 - failed.length * 12, coverage: 1, critical_failures: failed.includes('access.empty-password') ? 1 : 0 })
      for (const rule of failed) failures.push({ device_id: id, unit_code: code, rule_id: rule, generated_at: generatedAt })
    }
  }
  // The collector's triggers keep the per-unit totals as the rows go in, as they do for uploads.
  await db.transaction().execute(async (tx) => {
    for (const [table, rows] of [['units', units], ['devices', devices], ['device_latest', latest], ['device_failures', failures]]) {
      for (let i = 0; i < rows.length; i += 1000) await tx.insertInto(table).values(rows.slice(i, i + 1000)).execute()
    }
  })
}

async function timeUnitTable(url) {
  const { db } = await openDatabase(url)
  try {
    const now = new Date()
    await seedUnits(db, now)
    const first = await unitTable(db, now)
    if (first.length !== 1000) throw new Error(`the units table has ${first.length} rows, expected 1000`)
    const times = []
    for (let run = 0; run < RUNS; run++) {
      const begin = performance.now()
      await unitTable(db, now)
      times.push(performance.now() - begin)
    }
    return median(times)
  } finally {
    await db.destroy()
  }
}

// ---- PostgreSQL: a fresh database per measure, dropped at the end.

const pgDatabases = []
async function freshPostgres() {
  const name = `hygiene_bench_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  pgDatabases.push(name)
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return url.toString()
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 })
  return client.connect().then(() => client.end().then(() => true), () => false)
}

// ---- The run.

try {
  const withPostgres = await postgresReachable()
  console.error(`bench: ${os.cpus().length} CPUs, node ${process.version}; ingest: ${ROUNDS} rounds of ${SECONDS} s per server after 2 s warm-up, ${CONNECTIONS} connections, ${DEVICES} devices, report body ${(bodyBytes / 1024).toFixed(1)} KB with 40 results; units table: median of ${RUNS}`)
  if (!withPostgres) console.error(`bench: PostgreSQL skipped: nothing answers at ${PG_URL} (set HYGIENE_TEST_PG_URL)`)

  const targets = [await collectorTarget(`sqlite:${path.join(work, 'ingest.db')}`), await bareTarget()]
  if (withPostgres) targets.push(await collectorTarget(await freshPostgres()))
  const [totalBefore, stolenBefore] = cpuTimes()
  const [sqlite, bare, postgres = null] = await measureIngest(targets)
  const [totalAfter, stolenAfter] = cpuTimes()
  // On a shared virtual machine, time taken by other guests makes every figure noisier.
  console.error(`bench: CPU time stolen by the hypervisor during the ingest runs: ${((100 * (stolenAfter - stolenBefore)) / (totalAfter - totalBefore)).toFixed(1)}%`)
  await Promise.all(running.splice(0).map((stop) => stop()))
  const sqliteUnits = await timeUnitTable(`sqlite:${path.join(work, 'units.db')}`)
  const postgresUnits = withPostgres ? await timeUnitTable(await freshPostgres()) : null

  const cells = (format) => [sqlite, postgres, bare].map((m) => (m ? format(m) : 'skipped'))
  const rows = [
    ['ingest throughput (202 answers)', ...cells((m) => `${m.perSecond.toFixed(0)} /s`), 'SQLite ≥ 2000 /s'],
    ['share of the bare ceiling', ...cells((m) => `${((100 * m.perSecond) / bare.perSecond).toFixed(0)}%`), 'SQLite ≥ 30%'],
    ['latency p50 / p99', ...cells((m) => `${m.p50} / ${m.p99} ms`), ''],
    ['answers other than 202, errors', ...cells((m) => String(m.rejected)), '0'],
    ['server CPU time per report (all threads)', ...cells((m) => `${m.cpuMsPerReport.toFixed(2)} ms`), ''],
    ['server main thread per report / busy', ...cells((m) => `${m.mainMsPerReport.toFixed(2)} ms / ${m.mainBusy.toFixed(0)}%`), ''],
    ['load generator CPU (share of one core)', ...cells((m) => `${m.loaderBusy.toFixed(0)}%`), ''],
    ['server peak RSS under load (VmHWM)', ...cells((m) => `${m.rssMb.toFixed(0)} MB`), '≤ 300 MB'],
    ['units table, 100,000 devices in 1,000 units', `${sqliteUnits.toFixed(1)} ms`, postgresUnits === null ? 'skipped' : `${postgresUnits.toFixed(1)} ms`, '', '≤ 100 ms'],
  ]
  const header = ['measure', 'collector SQLite', 'collector PostgreSQL', 'bare node:http', 'target']
  const widths = header.map((key, i) => Math.max(key.length, ...rows.map((row) => row[i].length)))
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')
  console.log(line(header))
  for (const row of rows) console.log(line(row))
} finally {
  await Promise.all(running.map((stop) => stop()))
  if (pgDatabases.length) {
    const client = new pg.Client({ connectionString: PG_URL })
    await client.connect()
    for (const name of pgDatabases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await client.end()
  }
  rmSync(work, { recursive: true, force: true })
}
