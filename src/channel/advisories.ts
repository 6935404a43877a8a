/**
 * Advisories on the PC: asked of the collector with a short time limit, the last good answer kept
 * in the data folder with the time it came, so an offline PC still shows the last warnings it knows.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { writeFileAtomic } from '../core/atomic-file.js'
import type { Clock } from '../core/clock.js'
import type { Host } from '../core/host.js'
import { dataDir, hostPath } from '../core/user-dirs.js'
import type { Transport } from '../upload/transport.js'
import type { ShownAdvisories } from './advisory-view.js'
import { AdvisoriesResponseSchema, type AdvisoriesResponse, type Advisory } from './schema.js'

/** A check must not wait on a slow network for a warning: past this, the saved copy is shown. */
export const ADVISORIES_TIMEOUT_MS = 3_000

/** Where and with what the agent asks: an enrolled PC's collector and device token. */
export interface AdvisorySource {
  server: URL
  token: string
  ca?: string
  transport: Transport
}

const SavedAdvisoriesSchema = z.strictObject({
  fetchedAt: z.iso.datetime({ offset: true }),
  response: AdvisoriesResponseSchema,
})
type SavedAdvisories = z.infer<typeof SavedAdvisoriesSchema>

export function advisoriesFile(host: Host): string {
  return hostPath(host).join(dataDir(host), 'advisories.json')
}

export async function fetchAdvisories(source: AdvisorySource, timeoutMs = ADVISORIES_TIMEOUT_MS): Promise<AdvisoriesResponse> {
  const answer = await source.transport(new URL('/api/v1/advisories', source.server), {
    method: 'GET',
    headers: { authorization: `Bearer ${source.token}` },
    ca: source.ca,
    timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`)
  let body: unknown
  try {
    body = JSON.parse(answer.body)
  } catch {
    throw new Error('the answer is not JSON')
  }
  const parsed = AdvisoriesResponseSchema.safeParse(body)
  if (!parsed.success) throw new Error(`the answer is not a list of advisories: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}

async function readSaved(host: Host): Promise<SavedAdvisories | null> {
  try {
    const parsed = SavedAdvisoriesSchema.safeParse(JSON.parse(await readFile(advisoriesFile(host), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Expiry is judged by this PC's clock, so a saved warning past its date disappears offline too. */
function stillActive(advisories: readonly Advisory[], now: Date): Advisory[] {
  return advisories.filter((advisory) => advisory.expiresAt === null || Date.parse(advisory.expiresAt) > now.getTime())
}

export interface AdvisoriesLookup {
  /** null: none ever received. */
  shown: ShownAdvisories | null
  /** Why the collector gave no fresh answer (null when it did, or was not asked). */
  problem: string | null
}

/**
 * Fresh advisories when `source` answers in time (and saved for later), else the saved ones marked
 * as such. Never throws: a warning channel that fails must not fail what it is attached to.
 */
export async function currentAdvisories(host: Host, clock: Clock, source: AdvisorySource | null, timeoutMs = ADVISORIES_TIMEOUT_MS): Promise<AdvisoriesLookup> {
  let problem: string | null = null
  if (source) {
    try {
      const response = await fetchAdvisories(source, timeoutMs)
      const fetchedAt = clock.now().toISOString()
      // A copy that cannot be saved (full disk) costs only the offline view, not this one.
      await writeFileAtomic(advisoriesFile(host), JSON.stringify({ fetchedAt, response } satisfies SavedAdvisories)).catch(() => undefined)
      return { shown: { advisories: stillActive(response.advisories, clock.now()), fetchedAt, cached: false }, problem }
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error)
    }
  }
  const saved = await readSaved(host)
  if (!saved) return { shown: null, problem }
  return { shown: { advisories: stillActive(saved.response.advisories, clock.now()), fetchedAt: saved.fetchedAt, cached: true }, problem }
}
