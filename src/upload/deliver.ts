/**
 * Delivers what waits for the collector, then the new report: incident reports first (they are
 * urgent), then the spooled reports (oldest first), then the new one. A report that does not go
 * through is kept (spooled, or set aside when the collector refused it for good); nothing is ever
 * lost. Uploads carry the report as shown, redacted unless the user turned that off.
 */
import { deliverIncidents } from '../channel/incidents.js'
import { incidentReference } from '../channel/schema.js'
import type { Clock } from '../core/clock.js'
import type { Host } from '../core/host.js'
import type { Report } from '../report/schema.js'
import { redactReport } from './redact.js'
import { sendReport, type SendOptions } from './send.js'
import { deliverThroughSpool, type SpoolSender } from './spool-delivery.js'
import { reportSpool, setAside, setAsideReport } from './spool.js'
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
  /** Incident reports that waited: the references of those sent, how many still wait, those refused and saved for handover. */
  incidents: { delivered: string[]; waiting: number; handedOver: Array<{ file: string; reason: string }> }
}

export async function deliver(host: Host, clock: Clock, target: DeliveryTarget, report: Report | null): Promise<Delivery> {
  const incidents = await deliverIncidents(host, target, null)
  let last: LastUpload | null = null
  const sender: SpoolSender<Report> = {
    kind: reportSpool,
    send: (one) => sendReport(target.redact ? redactReport(one, target.deviceId) : one, target),
    // Refused for good, a spooled report is moved aside and the new one written aside.
    keepRefused: (one, spooledFile) => (spooledFile ? setAside(spooledFile) : setAsideReport(host, one)),
    onResult(one, result, detail) {
      last = { at: clock.now().toISOString(), server: target.server.origin, result, reportId: one.reportId, detail }
    },
  }
  const reports = await deliverThroughSpool(host, sender, report, incidents)
  if (last) await writeLastUpload(host, last)
  return {
    delivered: reports.delivered,
    newReportDelivered: reports.newDelivered,
    waiting: reports.waiting,
    setAside: reports.setAside,
    dropped: reports.dropped,
    unauthorized: reports.unauthorized || incidents.unauthorized,
    problem: reports.problem ?? incidents.problem,
    incidents: {
      delivered: incidents.delivered.map((incident) => incidentReference(incident.incidentId)),
      waiting: incidents.waiting,
      handedOver: incidents.setAside,
    },
  }
}
