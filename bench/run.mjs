// `npm run bench`: speed and memory of the agent, side by side with baselines measured in the same
// run on the same machine (targets from the agent-core issue: check ≤ 1.5 s median, downloads scan
// ≤ 2× find, peak RSS ≤ 150 MB).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'hygiene.js')
const work = mkdtempSync(path.join(os.tmpdir(), 'hygiene-bench-'))
const home = path.join(work, 'home')
mkdirSync(home)

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** Wall time in ms and peak RSS in KB (through GNU time when present) of one process. */
function timed(command, args, env = {}) {
  const full = gnuTime ? [gnuTime, ['-f', '%M', command, ...args]] : [command, args]
  const started = performance.now()
  const result = spawnSync(full[0], full[1], { env: { ...process.env, HOME: home, NO_COLOR: '1', ...env }, encoding: 'utf8' })
  const ms = performance.now() - started
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  const rssKb = gnuTime ? Number(result.stderr.trim().split('\n').at(-1)) : NaN
  return { ms, rssKb, stdout: result.stdout }
}

function makeTree(dir) {
  // 100 folders × 10 subfolders × 100 files = 100,000 files, 100 of them risky.
  for (let a = 0; a < 100; a++) {
    for (let b = 0; b < 10; b++) {
      const folder = path.join(dir, `thu-muc-${a}`, `con-${b}`)
      mkdirSync(folder, { recursive: true })
      for (let c = 0; c < 100; c++) {
        const name = b === 0 && c === 0 ? `hoa-don-${a}.pdf.exe` : `tai-lieu-${c}.pdf`
        writeFileSync(path.join(folder, name), '')
      }
    }
  }
}

const rows = []
const add = (measure, ours, baseline, unit, target) =>
  rows.push({ measure, ours: `${ours.toFixed(0)} ${unit}`, baseline: baseline === null ? '' : `${baseline.toFixed(0)} ${unit}`, ratio: baseline ? `${(ours / baseline).toFixed(2)}×` : '', target })

try {
  console.error(`bench: ${RUNS} runs each, ${os.cpus().length} CPUs, node ${process.version}`)
  const nodeBaseline = median(Array.from({ length: RUNS }, () => timed(process.execPath, ['-e', '0']).ms))

  const first = timed(process.execPath, [bin, 'check', '--format', 'json'])
  const checks = Array.from({ length: RUNS }, () => timed(process.execPath, [bin, 'check', '--format', 'json']))
  add('hygiene check --format json, first run (empty cache)', first.ms, nodeBaseline, 'ms', '')
  add('hygiene check --format json, median (vs node -e 0)', median(checks.map((c) => c.ms)), nodeBaseline, 'ms', '≤ 1500 ms')
  if (gnuTime) add('hygiene check, peak RSS', Math.max(...checks.map((c) => c.rssKb)) / 1024, null, 'MB', '≤ 150 MB')

  const tree = path.join(work, 'tree')
  makeTree(tree)
  const find = () => timed('sh', ['-c', `find "${tree}" -type f | wc -l`]).ms
  find() // warm the page cache for both sides
  const findMs = median(Array.from({ length: RUNS }, find))
  const scans = Array.from({ length: RUNS }, () => JSON.parse(timed(process.execPath, [path.join(root, 'bench', 'scan-child.mjs'), tree]).stdout))
  if (scans[0].files !== 100) throw new Error(`the scan found ${scans[0].files} risky files, expected 100`)
  add('downloads scan of 100,000 files, in-process (vs find | wc -l)', median(scans.map((s) => s.ms)), findMs, 'ms', '≤ 2× find')
  add('downloads scan, peak RSS', Math.max(...scans.map((s) => s.maxRssKb)) / 1024, null, 'MB', '≤ 150 MB')

  const widths = ['measure', 'ours', 'baseline', 'ratio', 'target'].map((key) => Math.max(key.length, ...rows.map((row) => row[key].length)))
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ')
  console.log(line(['measure', 'ours', 'baseline', 'ratio', 'target']))
  for (const row of rows) console.log(line([row.measure, row.ours, row.baseline, row.ratio, row.target]))
} finally {
  rmSync(work, { recursive: true, force: true })
}
