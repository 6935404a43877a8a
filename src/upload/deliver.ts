/**
 * Delivers reports: the spool first (oldest first), then the new one. A report that does not go
 * through is kept (spooled, or set aside when the collector refused it for good); nothing is ever
 * lost. Uploads carry the report as shown, redacted unless the user turned that off.
 */
import type { Clock } from '../core/clock.js'
import type { Host } from '../core/host.js'
import type { Report } from '../report/schema.js'
import { redactReport } from './redact.js'
import { sendReport, type SendOptions, type SendOutcome } from './send.js'
import { countSpooled, removeSpooled, setAside, setAsideReport, spooledReports, spoolReport } from './spool.js'
import { writeLastUpload, type LastUpload } from './state.js'

export interface DeliveryTarget extends Omit<SendOptions, 'token'> {
  token: string
  deviceId: string
  redact: boolean
}

export interface Delivery {
  /** Reports that reached the collector (spooled ones included). */
  delivered: Report[]
  /** Whether the new report (if any) reached the collector. */
  newReportDelivered: boolean
  /** Reports now waiting in the spool. */
  waiting: number
  /** Files set aside because the collector refused them (never deleted). */
  setAside: Array<{ file: string; reason: string }>
  /** Spooled reports dropped to keep the spool within its limit. */
  dropped: string[]
  /** The collector does not know this PC any more: enroll again. */
  unauthorized: boolean
  /** Why the last report did not go through. */
  problem: string | null
}

export async function deliver(host: Host, clock: Clock, target: DeliveryTarget, report: Report | null): Promise<Delivery> {
  const delivery: Delivery = { delivered: [], newReportDelivered: false, waiting: 0, setAside: [], dropped: [], unauthorized: false, problem: null }
  const send = (one: Report): Promise<SendOutcome> => sendReport(target.redact ? redactReport(one, target.deviceId) : one, target)
  let blocked = false
  let last: LastUpload | null = null
  const record = (result: LastUpload['result'], one: Report, detail: string | null): void => {
    last = { at: clock.now().toISOString(), server: target.server.origin, result, reportId: one.reportId, detail }
  }

  for (const { file, report: spooled } of await spooledReports(host)) {
    if (blocked) break
    const outcome = await send(spooled)
    if (outcome.kind === 'delivered') {
      await removeSpooled(file)
      delivery.delivered.push(spooled)
      record('delivered', spooled, null)
    } else if (outcome.kind === 'rejected') {
      delivery.setAside.push({ file: await setAside(host, file), reason: outcome.reason })
      record('rejected', spooled, outcome.reason)
    } else {
      blocked = true
      noteFailure(delivery, outcome)
      record(outcome.kind === 'unauthorized' ? 'unauthorized' : 'spooled', spooled, delivery.problem)
    }
  }

  if (report) {
    const outcome: SendOutcome | null = blocked ? null : await send(report)
    if (outcome?.kind === 'delivered') {
      delivery.delivered.push(report)
      delivery.newReportDelivered = true
      record('delivered', report, null)
    } else {
      if (outcome) noteFailure(delivery, outcome)
      // Refused for good or not, the report the user just made is kept: set aside, or in the spool.
      if (outcome?.kind === 'rejected') {
        delivery.setAside.push({ file: await setAsideReport(host, report), reason: outcome.reason })
        record('rejected', report, outcome.reason)
      } else {
        delivery.dropped = await spoolReport(host, report)
        record(delivery.unauthorized ? 'unauthorized' : 'spooled', report, delivery.problem)
      }
    }
  }
  delivery.waiting = await countSpooled(host)
  if (last) await writeLastUpload(host, last)
  return delivery
}

function noteFailure(delivery: Delivery, outcome: Exclude<SendOutcome, { kind: 'delivered' }>): void {
  if (outcome.kind === 'unauthorized') {
    delivery.unauthorized = true
    delivery.problem = outcome.revoked ? 'revoked' : 'unknown token'
  } else {
    delivery.problem = outcome.reason
  }
}
