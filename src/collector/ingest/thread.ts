/**
 * The ingest thread: parses, checks, scores again and stores the reports the event loop hands it,
 * so that the server's one event loop only serves HTTP. The reports that arrive while a batch is
 * stored go together in the next. It opens the server's database again, with its own connections.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase, sqliteConnectionOf } from '../db/connect.js'
import { decodeReport } from './decode.js'
import type { Answer, IngestThreadData, Submission, ThreadCommand } from './protocol.js'
import { postgresStore, type StoreItem } from './report-store.js'
import { sqliteBatchStore } from './sqlite-batch.js'

const { dbUrl, rules: ruleList, walLimits } = workerData as IngestThreadData
const rules = new Map(ruleList)
const port = parentPort!
const { db } = await openDatabase(dbUrl)
const connection = sqliteConnectionOf(db)
const store = connection ? sqliteBatchStore(connection, walLimits) : postgresStore(db)

let queue: Submission[] = []
let storing = false
let closing = false

async function handle(batch: Submission[]): Promise<Answer[]> {
  const refused: Answer[] = []
  const items: StoreItem[] = []
  for (const { seq, bytes, device, receivedAt } of batch) {
    const at = new Date(receivedAt)
    const decoded = decodeReport(bytes, rules, at)
    if ('error' in decoded) refused.push({ seq, status: 'refused', ...decoded })
    else items.push({ seq, device, receivedAt: at, decoded })
  }
  return [...refused, ...(await store.write(items))]
}

async function drain(): Promise<void> {
  storing = true
  while (queue.length > 0) {
    const batch = queue
    queue = []
    port.postMessage(await handle(batch))
  }
  storing = false
  if (closing) await close()
}

async function close(): Promise<void> {
  await store.close()
  await db.destroy()
  port.close()
}

port.on('message', (command: ThreadCommand) => {
  if (command === 'close') {
    closing = true
    if (!storing) void close()
    return
  }
  queue.push(...command)
  if (!storing) void drain()
})
