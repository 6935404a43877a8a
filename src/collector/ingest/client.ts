/**
 * The event loop's side of report ingest: it hands each report's bytes to the ingest thread
 * (thread.ts) and answers the request once the thread has stored it. One batch is with the thread
 * at a time; the reports that arrive meanwhile go together as the next, in one message. Should the
 * thread fail, the reports it held are refused as unavailable (the agent sends them again), and the
 * next report starts a new thread.
 */
import { Worker } from 'node:worker_threads'
import type { Answer, IngestThreadData, Submission, ThreadCommand } from './protocol.js'

/** The report was not stored (its batch's transaction failed, or the thread stopped); it may be sent again. */
export class BatchFailedError extends Error {
  constructor(detail: string) {
    super(`the report was not stored: ${detail}`)
    this.name = 'BatchFailedError'
  }
}

export type IngestAnswer = Exclude<Answer, { status: 'batchFailed' }>

export interface ReportIngest {
  /** Rejects with BatchFailedError when the report may be sent again. */
  submit(submission: Omit<Submission, 'seq'>): Promise<IngestAnswer>
  close(): Promise<void>
}

interface Pending {
  resolve: (answer: IngestAnswer) => void
  reject: (error: unknown) => void
}

const THREAD = new URL('./thread.js', import.meta.url)

export function ingestThread(data: IngestThreadData): ReportIngest {
  const waiting = new Map<number, Pending>()
  let seq = 0
  let thread: { worker: Worker; exited: Promise<void> } | null = null
  let outbox: Submission[] = []
  let transfers: ArrayBuffer[] = []
  /** A batch is with the thread: the next reports wait in the outbox, to go together once it is answered. */
  let batchOut = false

  const send = () => {
    if (outbox.length === 0) return
    thread ??= start()
    thread.worker.ref()
    thread.worker.postMessage(outbox satisfies ThreadCommand, transfers)
    outbox = []
    transfers = []
    batchOut = true
  }

  const settle = (answer: Answer) => {
    const pending = waiting.get(answer.seq)
    if (!pending) return
    waiting.delete(answer.seq)
    if (answer.status === 'batchFailed') pending.reject(new BatchFailedError(answer.error.message))
    else pending.resolve(answer)
  }

  const start = () => {
    const worker = new Worker(THREAD, { workerData: data satisfies IngestThreadData })
    let failure = 'the ingest thread stopped'
    worker.on('message', (answers: Answer[]) => {
      batchOut = false
      send()
      for (const answer of answers) settle(answer)
      // An idle thread does not keep the process alive; one holding reports does.
      if (waiting.size === 0) worker.unref()
    })
    worker.on('error', (error) => {
      failure = error.message
    })
    const exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        if (thread?.worker === worker) thread = null
        batchOut = false
        outbox = []
        transfers = []
        for (const pending of waiting.values()) pending.reject(new BatchFailedError(failure))
        waiting.clear()
        resolve()
      }),
    )
    return { worker, exited }
  }

  return {
    submit: ({ bytes, device, receivedAt }) =>
      new Promise<IngestAnswer>((resolve, reject) => {
        const id = seq++
        waiting.set(id, { resolve, reject })
        // A copy of its own, handed over without another: the bytes received may share memory with other requests.
        const own = new Uint8Array(bytes)
        outbox.push({ seq: id, bytes: own, device: { id: device.id, unitCode: device.unitCode }, receivedAt })
        transfers.push(own.buffer)
        if (!batchOut) send()
      }),
    async close() {
      if (!thread) return
      const { worker, exited } = thread
      worker.ref()
      worker.postMessage('close' satisfies ThreadCommand)
      await exited
    },
  }
}
