// `npm run bench:soak [-- --seconds N --agents N]`: simulated agents against a real collector on SQLite and PostgreSQL; fails if an acknowledged report is lost or one is stored twice.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { computeScore } from '../dist/engine/score.js'
import { ReportSchema } from '../dist/report/schema.js'

const { values: flags } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, agents: { type: 'string', default: '200' } } })
const SECONDS = positiveInteger('--seconds', flags.seconds)
const AGENTS = positiveInteger('--agents', flags.agents)
const UNITS = 5
// Reports still unacknowledged at the end get this long to go through, as a spool would on the next run.
const GRACE_MS = 15_000
// A PC sends one report every 2-4 s: about 20 a minute, under the collector's 30 a minute per PC, so 429s come
// only from the retries and duplicates on top.
const THINK_MS = [2_000, 4_000]
const ODDS = {
  // The answer is lost (the request is cut after 1-20 ms, before or after the commit): the agent sends the same report again.
  timeout: 0.03,
  // A report acknowledged and sent once more (a spool file left behind): it must come back as a duplicate.
  duplicate: 0.03,
  incident: 0.02,
  // An acknowledged report claiming 100 when its results say less: the collector must flag it.
  forged: 0.02,
}
const PG_URL = process.env.HYGIENE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'hygiene.js')
const work = mkdtempSync(path.join(os.tmpdir(), 'hygiene-soak-'))
const childEnv = { ...process.env, HOME: path.join(work, 'home'), NO_COLOR: '1', LANG: 'C.UTF-8' }
mkdirSync(childEnv.HOME)

function positiveInteger(name, text) {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) {
    console.error(`soak: ${name} needs a whole number of at least 1, not "${text}"`)
    process.exit(2)
  }
  return value
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
const between = ([low, high]) => low + Math.random() * (high - low)
const chance = (odds) => Math.random() < odds

function hygiene(args) {
  const run = spawnSync(process.execPath, [bin, ...args], { env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.error || run.status !== 0) throw new Error(`hygiene ${args.join(' ')} failed (${run.status}): ${run.stderr}`)
  return run.stdout.trim()
}

// ---- Reports: this machine's own report as the model, so every result is a real rule the collector weighs.

const model = ReportSchema.parse(JSON.parse(hygiene(['check', '--format', 'json'])))

/** A fresh report from one PC: some checks fixed or broken since the last one, the score computed as the agent does. */
function nextReport(device, forged) {
  const results = model.results.map((result) => {
    const flips = (result.status === 'pass' || result.status === 'fail') && chance(0.1)
    return flips ? { ...result, status: result.status === 'pass' ? 'fail' : 'pass' } : result
  })
  const { coverage, ...score } = computeScore(results)
  const claimed = forged && score.value < 100 ? { ...score, value: 100, grade: 'A', cappedBy: [] } : score
  const report = { ...model, reportId: randomUUID(), generatedAt: new Date().toISOString(), device, score: claimed, coverage, results }
  return { id: report.reportId, body: JSON.stringify(report), forged: claimed !== score }
}

function nextIncident() {
  return {
    incidentId: randomUUID(),
    kind: 'scam-call',
    occurredAt: null,
    description: 'Người gọi xưng là công an phường, yêu cầu cài ứng dụng và đọc mã OTP.',
    moneyGiven: false,
    phone: '0912 345 678',
    reportedAt: new Date().toISOString(),
    lang: 'vi',
    agent: { version: model.agent.version },
  }
}

// ---- The collector process.

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

/** Resident memory of a process in MB: now (VmRSS) or its peak so far (VmHWM). */
function rssMb(pid, field) {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match[1]) / 1024
}

async function startCollector(db) {
  const codes = Array.from({ length: UNITS }, (_, i) => {
    const unit = `SOAK-${i + 1}`
    hygiene(['collector', 'unit', 'add', unit, '--name', `Đơn vị thử ${i + 1}`, '--db', db])
    return hygiene(['collector', 'enroll-code', 'create', '--unit', unit, '--uses', String(Math.ceil(AGENTS / UNITS)), '--db', db])
  })
  const port = await freePort()
  // Every simulated PC comes from 127.0.0.1, where in the ward each has its own address: the per-address
  // limit is raised, the per-PC limits (reports, incidents) stay as shipped.
  const args = [bin, 'collector', 'serve', '--db', db, '--port', String(port), '--rate-limit-ip', '1000000']
  const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr.on('data', (chunk) => (errors += chunk))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 150 && child.exitCode === null; attempt++) {
    if (await fetch(`${url}/healthz`).then((answer) => answer.ok, () => false)) {
      return { url, codes, pid: child.pid, stop: () => (child.kill('SIGTERM'), exited) }
    }
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error(`the collector did not start on ${db}:\n${errors}`)
}

// ---- Agents.

function newTally() {
  return {
    reports: new Set(),
    acknowledged: new Set(),
    requests: 0,
    statuses: new Map(),
    latencies: [],
    timeouts: 0,
    networkErrors: 0,
    storedBeforeCut: 0,
    duplicatesSent: 0,
    duplicateAnswers: 0,
    storedAgain: 0,
    forged: 0,
    forgedFlagged: 0,
    incidents: new Set(),
    incidentsAcknowledged: new Set(),
    unexpected: [],
  }
}

/**
 * POSTs one body until the collector acknowledges it (202), as the agent's spool would: a lost answer,
 * 429 and 503 are tried again with the same body; anything else is a failure of the run. Null when the
 * time ran out first.
 */
async function post(target, apiPath, token, body, tally, stopAt) {
  let answerLost = false
  while (Date.now() < stopAt) {
    const cut = chance(ODDS.timeout)
    const begin = performance.now()
    let answer
    let text
    tally.requests++
    try {
      answer = await fetch(`${target.url}${apiPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal: AbortSignal.timeout(cut ? between([1, 20]) : 30_000),
      })
      text = await answer.text()
    } catch {
      if (cut) tally.timeouts++
      else tally.networkErrors++
      answerLost = true
      await sleep(between([200, 1_000]))
      continue
    }
    tally.latencies.push(performance.now() - begin)
    tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1)
    if (answer.status === 202) {
      const acknowledged = JSON.parse(text)
      // The answer was lost after the commit: the resend proves the report is counted once.
      if (answerLost && (acknowledged.status === 'duplicate' || acknowledged.duplicate === true)) tally.storedBeforeCut++
      return acknowledged
    }
    if (answer.status === 429 || answer.status === 503) {
      await sleep(Math.min(Number(answer.headers.get('retry-after') ?? 1) * 1000, stopAt - Date.now()))
      continue
    }
    tally.unexpected.push(`${apiPath} answered ${answer.status}: ${text.slice(0, 200)}`)
    return null
  }
  return null
}

async function enroll(target, index, tally) {
  const device = { id: randomBytes(16).toString('hex'), hostname: `PC-SOAK-${index}`, os: model.device.os }
  const answer = await fetch(`${target.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: target.codes[index % UNITS], device: { id: device.id, hostname: device.hostname, os: { platform: device.os.platform, name: device.os.name } } }),
  })
  if (answer.status !== 201) {
    tally.unexpected.push(`enroll answered ${answer.status}: ${await answer.text()}`)
    return null
  }
  return { device, token: (await answer.json()).token }
}

async function runAgent(target, enrolled, tally, deadline) {
  const stopAt = deadline + GRACE_MS
  const { device, token } = enrolled
  // PCs start at different moments, and none waits past the end of the run.
  const pause = (range) => sleep(Math.min(between(range), deadline - Date.now()))
  await pause([0, THINK_MS[1]])
  while (Date.now() < deadline) {
    const report = nextReport(device, chance(ODDS.forged))
    tally.reports.add(report.id)
    const answer = await post(target, '/api/v1/reports', token, report.body, tally, stopAt)
    if (answer) {
      tally.acknowledged.add(report.id)
      if (report.forged) tally.forged++
      if (report.forged && answer.scoreMismatch === true) tally.forgedFlagged++
      if (chance(ODDS.duplicate)) {
        tally.duplicatesSent++
        const again = await post(target, '/api/v1/reports', token, report.body, tally, stopAt)
        // "stored" for a report acknowledged before would mean the first copy was not there.
        if (again?.status === 'duplicate') tally.duplicateAnswers++
        if (again?.status === 'stored') tally.storedAgain++
      }
    }
    if (chance(ODDS.incident)) {
      const incident = nextIncident()
      tally.incidents.add(incident.incidentId)
      if (await post(target, '/api/v1/incidents', token, JSON.stringify(incident), tally, stopAt)) tally.incidentsAcknowledged.add(incident.incidentId)
    }
    await pause(THINK_MS)
  }
}

// ---- What the database holds afterwards.

async function storedIds(db) {
  const queries = { reports: 'select report_id as id from reports', incidents: 'select incident_id as id from incidents' }
  if (db.startsWith('sqlite:')) {
    const connection = new Database(db.slice('sqlite:'.length), { readonly: true, fileMustExist: true })
    try {
      return Object.fromEntries(Object.entries(queries).map(([table, query]) => [table, connection.prepare(query).pluck().all()]))
    } finally {
      connection.close()
    }
  }
  const client = new pg.Client({ connectionString: db })
  await client.connect()
  try {
    const entries = []
    for (const [table, query] of Object.entries(queries)) entries.push([table, (await client.query(query)).rows.map((row) => row.id)])
    return Object.fromEntries(entries)
  } finally {
    await client.end()
  }
}

/** Acknowledged but absent, and stored more than once (or stored without ever being sent). */
function reconcile(sent, acknowledged, stored) {
  const held = new Set(stored)
  return {
    stored: held.size,
    lost: [...acknowledged].filter((id) => !held.has(id)).length,
    duplicates: stored.length - held.size + [...held].filter((id) => !sent.has(id)).length,
  }
}

function percentile(values, share) {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]
}

async function soak(label, db) {
  const target = await startCollector(db)
  try {
    const rssStart = rssMb(target.pid, 'VmRSS')
    const tally = newTally()
    const agents = (await Promise.all(Array.from({ length: AGENTS }, (_, i) => enroll(target, i, tally)))).filter(Boolean)
    const deadline = Date.now() + SECONDS * 1000
    await Promise.all(agents.map((enrolled) => runAgent(target, enrolled, tally, deadline)))
    const rssEnd = rssMb(target.pid, 'VmRSS')
    const rssPeak = rssMb(target.pid, 'VmHWM')
    // Counted while the collector still runs: a 202 means committed, so a reader sees it at once.
    const stored = await storedIds(db)
    return {
      label,
      agents: agents.length,
      tally,
      reports: reconcile(tally.reports, tally.acknowledged, stored.reports),
      incidents: reconcile(tally.incidents, tally.incidentsAcknowledged, stored.incidents),
      rssStart,
      rssEnd,
      rssPeak,
    }
  } finally {
    await target.stop()
  }
}

// ---- PostgreSQL: a database of its own, dropped at the end.

async function withPgClient(action) {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 })
  await client.connect()
  try {
    return await action(client)
  } finally {
    await client.end()
  }
}

function printTable(runs) {
  const row = (measure, cell) => [measure, ...runs.map(cell)]
  const count = (value) => value.toLocaleString('en-US')
  const statuses = (run) =>
    [...[...run.tally.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${count(n)}`), `network errors: ${count(run.tally.networkErrors)}`].join(', ')
  const rows = [
    row('agents enrolled', (run) => count(run.agents)),
    row('reports sent (distinct)', (run) => count(run.tally.reports.size)),
    row('requests (retries, duplicates included)', (run) => count(run.tally.requests)),
    row('answers', statuses),
    row('answers cut on purpose / already stored', (run) => `${count(run.tally.timeouts)} / ${count(run.tally.storedBeforeCut)}`),
    row('acknowledged (202)', (run) => count(run.tally.acknowledged.size)),
    row('stored (in the database afterwards)', (run) => count(run.reports.stored)),
    row('lost (acknowledged, not stored)', (run) => count(run.reports.lost)),
    row('duplicates stored', (run) => count(run.reports.duplicates)),
    row('duplicates sent / answered "duplicate"', (run) => `${count(run.tally.duplicatesSent)} / ${count(run.tally.duplicateAnswers)}`),
    row('forged scores acknowledged / flagged', (run) => `${count(run.tally.forged)} / ${count(run.tally.forgedFlagged)}`),
    row('incidents sent / acknowledged / stored', (run) => `${count(run.tally.incidents.size)} / ${count(run.tally.incidentsAcknowledged.size)} / ${count(run.incidents.stored)}`),
    row('incidents lost / stored twice', (run) => `${count(run.incidents.lost)} / ${count(run.incidents.duplicates)}`),
    row('latency p50 / p99', (run) => `${percentile(run.tally.latencies, 0.5).toFixed(1)} / ${percentile(run.tally.latencies, 0.99).toFixed(1)} ms`),
    row('collector RSS start / end (peak)', (run) => `${run.rssStart.toFixed(0)} / ${run.rssEnd.toFixed(0)} MB (${run.rssPeak.toFixed(0)})`),
  ]
  const header = ['measure', ...runs.map((run) => `collector ${run.label}`)]
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((cells) => cells[i].length)))
  for (const cells of [header, ...rows]) console.log(cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd())
}

const pgDatabase = `hygiene_soak_${randomBytes(6).toString('hex')}`
let pgCreated = false
try {
  console.error(`soak: ${AGENTS} agents for ${SECONDS} s per database (then up to ${GRACE_MS / 1000} s for what is still unacknowledged), report body ${(Buffer.byteLength(JSON.stringify(model)) / 1024).toFixed(1)} KB with ${model.results.length} results`)
  const runs = [await soak('SQLite', `sqlite:${path.join(work, 'soak.db')}`)]
  const withPostgres = await withPgClient(async (client) => {
    await client.query(`create database ${pgDatabase}`)
    pgCreated = true
  }).then(() => true, (error) => (console.error(`soak: PostgreSQL skipped: ${PG_URL} did not answer (${error.message}); set HYGIENE_TEST_PG_URL`), false))
  if (withPostgres) {
    const url = new URL(PG_URL)
    url.pathname = `/${pgDatabase}`
    runs.push(await soak('PostgreSQL', url.toString()))
  }
  printTable(runs)
  const problems = runs.flatMap((run) => [
    ...run.tally.unexpected.slice(0, 5).map((text) => `${run.label}: ${text}`),
    ...(run.reports.lost > 0 ? [`${run.label}: ${run.reports.lost} acknowledged reports are not stored`] : []),
    ...(run.reports.duplicates > 0 ? [`${run.label}: ${run.reports.duplicates} reports stored twice or never sent`] : []),
    ...(run.incidents.lost + run.incidents.duplicates > 0 ? [`${run.label}: incidents lost ${run.incidents.lost}, stored twice ${run.incidents.duplicates}`] : []),
    ...(run.tally.storedAgain > 0 ? [`${run.label}: ${run.tally.storedAgain} acknowledged reports were stored anew when sent again`] : []),
    ...(run.tally.forgedFlagged < run.tally.forged ? [`${run.label}: ${run.tally.forged - run.tally.forgedFlagged} forged scores were not flagged`] : []),
  ])
  for (const problem of problems) console.error(`soak: FAILED: ${problem}`)
  if (problems.length > 0) process.exitCode = 1
} finally {
  if (pgCreated) await withPgClient((client) => client.query(`drop database if exists ${pgDatabase} with (force)`))
  rmSync(work, { recursive: true, force: true })
}
