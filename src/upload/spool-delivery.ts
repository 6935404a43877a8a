/**
 * The delivery loop every spooled kind shares (reports, incident reports): the waiting items first,
 * oldest first, then the new one. What does not go through is kept: in the spool while it may pass
 * later, elsewhere when the collector refused it for good. Nothing the user made is ever lost.
 */
import type { Host } from '../core/host.js'
import type { PostFailure } from './send.js'
import { addToSpool, countInSpool, removeSpooled, spooledItems, type SpoolKind } from './spool.js'

export type ItemResult = 'delivered' | 'rejected' | 'spooled' | 'unauthorized'

export interface SpoolSender<T> {
  kind: SpoolKind<T>
  send(item: T): Promise<{ kind: 'delivered' } | PostFailure>
  /** Keeps an item refused for good: moves its spool file (when it has one) or writes it; returns where. */
  keepRefused(item: T, spooledFile: string | null): Promise<string>
  onResult?(item: T, result: ItemResult, detail: string | null): void
}

export interface SpoolDelivery<T> {
  /** Items that reached the collector, spooled ones included. */
  delivered: T[]
  /** Whether the new item (if any) reached the collector. */
  newDelivered: boolean
  /** Items now waiting in this spool. */
  waiting: number
  /** Items the collector refused for good, and where they are kept. */
  setAside: Array<{ file: string; reason: string }>
  /** Spooled files dropped to keep the spool within its limit. */
  dropped: string[]
  /** The collector could not be reached or refused the token: what came after was not tried. */
  blocked: boolean
  /** The collector does not know this PC any more: enroll again. */
  unauthorized: boolean
  /** Why the last item did not go through: 'revoked', 'unknown token', or the network's reason. */
  problem: string | null
}

/** What an earlier delivery in the same run found; blocked, this one only keeps, and does not try. */
export type EarlierDelivery = Pick<SpoolDelivery<unknown>, 'blocked' | 'unauthorized' | 'problem'>

export async function deliverThroughSpool<T>(host: Host, sender: SpoolSender<T>, fresh: T | null, earlier?: EarlierDelivery): Promise<SpoolDelivery<T>> {
  const blocked = earlier?.blocked ?? false
  const delivery: SpoolDelivery<T> = {
    delivered: [],
    newDelivered: false,
    waiting: 0,
    setAside: [],
    dropped: [],
    blocked,
    // What kept the earlier delivery out keeps this one out too: a revoked PC's report waits as 'unauthorized'.
    unauthorized: blocked && earlier!.unauthorized,
    problem: blocked ? earlier!.problem : null,
  }
  const noteFailure = (outcome: PostFailure): void => {
    delivery.blocked = true
    if (outcome.kind === 'unauthorized') {
      delivery.unauthorized = true
      delivery.problem = outcome.revoked ? 'revoked' : 'unknown token'
    } else if (outcome.kind === 'unreachable') {
      delivery.problem = outcome.reason
    }
  }
  const waitingResult = (): ItemResult => (delivery.unauthorized ? 'unauthorized' : 'spooled')

  for (const { file, item } of blocked ? [] : await spooledItems(host, sender.kind)) {
    if (delivery.blocked) break
    const outcome = await sender.send(item)
    if (outcome.kind === 'delivered') {
      await removeSpooled(file)
      delivery.delivered.push(item)
      sender.onResult?.(item, 'delivered', null)
    } else if (outcome.kind === 'rejected') {
      delivery.setAside.push({ file: await sender.keepRefused(item, file), reason: outcome.reason })
      sender.onResult?.(item, 'rejected', outcome.reason)
    } else {
      noteFailure(outcome)
      sender.onResult?.(item, waitingResult(), delivery.problem)
    }
  }

  if (fresh !== null) {
    const outcome = delivery.blocked ? null : await sender.send(fresh)
    if (outcome?.kind === 'delivered') {
      delivery.delivered.push(fresh)
      delivery.newDelivered = true
      sender.onResult?.(fresh, 'delivered', null)
    } else if (outcome?.kind === 'rejected') {
      delivery.setAside.push({ file: await sender.keepRefused(fresh, null), reason: outcome.reason })
      sender.onResult?.(fresh, 'rejected', outcome.reason)
    } else {
      if (outcome) noteFailure(outcome)
      delivery.dropped = await addToSpool(host, sender.kind, fresh)
      sender.onResult?.(fresh, waitingResult(), delivery.problem)
    }
  }
  delivery.waiting = await countInSpool(host, sender.kind)
  return delivery
}
