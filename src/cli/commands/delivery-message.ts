/** Tells the user what became of an upload, on stderr, and gives the exit code it means. */
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import type { Delivery } from '../../upload/deliver.js'
import type { CommandContext } from '../program.js'

export function reportDelivery(ctx: CommandContext, delivery: Delivery, madeNewReport: boolean): ExitCode {
  const say = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}) => ctx.io.stderr.write(`${t(ctx.lang, key, vars)}\n`)
  const { incidents } = delivery
  if (incidents.delivered.length > 0) say('upload.incidentsDelivered', { count: incidents.delivered.length, references: incidents.delivered.join(', ') })
  for (const aside of incidents.handedOver) say('upload.incidentHandedOver', { file: aside.file, reason: aside.reason })
  if (incidents.waiting > 0) say('upload.incidentsWaiting', { count: incidents.waiting })
  if (delivery.delivered.length > 0) say('upload.delivered', { count: delivery.delivered.length })
  for (const aside of delivery.setAside) say('upload.setAside', { file: aside.file, reason: aside.reason })
  if (delivery.dropped.length > 0) say('upload.dropped', { count: delivery.dropped.length })
  if (delivery.unauthorized) say(delivery.problem === 'revoked' ? 'upload.revoked' : 'upload.unknownToken')
  else if (delivery.waiting > 0) say('upload.waiting', { count: delivery.waiting, problem: delivery.problem ?? '-' })
  const allSent = (madeNewReport ? delivery.newReportDelivered : delivery.waiting === 0) && incidents.waiting === 0
  return allSent && delivery.setAside.length === 0 && incidents.handedOver.length === 0 ? ExitCode.Ok : ExitCode.UploadSpooled
}
