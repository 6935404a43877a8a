/**
 * Moves the WAL checkpoints of a busy SQLite file off the event loop. SQLite otherwise checkpoints
 * in the commit that crosses 1,000 pages of WAL: it copies them into the database file and waits
 * for two fsyncs, while no request is served. A worker thread with its own connection checkpoints
 * instead, passively (it never blocks the writer), after commits. The WAL starts over only when a
 * transaction begins with all of it checkpointed, which a steady stream of commits never allows:
 * past a limit, the writer waits (without blocking the event loop) for a checkpoint of everything.
 * Should the worker fail, the connection goes back to checkpointing itself.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Database as SqliteConnection } from 'better-sqlite3'

export interface Checkpointer {
  /** A transaction has committed: the WAL has grown. */
  committed(): void
  /** Resolves when the next transaction may begin: at once, unless the WAL is past its limit. */
  settled(): Promise<void>
  close(): Promise<void>
}

// Plain CommonJS run with `eval`, so the worker needs no file of its own (nor a build step in tests).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close()
    parentPort.close()
    return
  }
  parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0].log)
})
`

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000

export interface WalLimits {
  /** WAL frames (pages) at the last checkpoint past which the writer waits for a full one. */
  frames: number
  /** Commits not yet covered by a checkpoint past which it waits too (the frame count is that old). */
  commits: number
}

/** About 16 MB of WAL with 4 KB pages, or some 30 batches of reports. */
export const WAL_LIMITS: WalLimits = { frames: 4000, commits: 32 }

/** null for a database in memory, which has no WAL. */
export function backgroundCheckpointer(connection: SqliteConnection, limits = WAL_LIMITS): Checkpointer | null {
  if (connection.memory) return null
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: connection.name } })
  worker.unref()
  connection.pragma('wal_autocheckpoint = 0')
  let failed = false
  let commits = 0
  /** The commits that the checkpoint running (or the last one) covers. */
  let running: number | null = null
  let coveredCommits = 0
  // Unknown until the worker's first checkpoint: the first transaction waits for the worker to start.
  let walFrames = Number.POSITIVE_INFINITY
  let waiters: Array<{ commits: number; resolve: () => void }> = []

  const start = () => {
    running = commits
    worker.postMessage('checkpoint')
  }
  const wake = () => {
    const ready = waiters.filter((waiter) => failed || waiter.commits <= coveredCommits)
    waiters = waiters.filter((waiter) => !ready.includes(waiter))
    for (const waiter of ready) waiter.resolve()
  }
  // However the worker ends (closed, or failed), the connection checkpoints itself again.
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      failed = true
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`)
      wake()
      resolve()
    }),
  )
  worker.on('message', (frames: number) => {
    coveredCommits = running ?? coveredCommits
    walFrames = frames
    running = null
    wake()
    // Commits while it ran (or a writer waiting): one more, covering them.
    if (commits > coveredCommits) start()
  })
  // Its error is followed by its exit; meanwhile commits need no checkpoint.
  worker.on('error', () => {
    failed = true
  })
  return {
    committed() {
      commits++
      if (!failed && running === null) start()
    },
    async settled() {
      const behind = commits - coveredCommits
      if (failed || behind === 0 || (walFrames <= limits.frames && behind <= limits.commits)) return
      await new Promise<void>((resolve) => waiters.push({ commits, resolve }))
    },
    async close() {
      // Held while it closes: an unreferenced worker alone would let the process end before it exits.
      worker.ref()
      if (!failed) worker.postMessage('close')
      await exited
    },
  }
}
