/**
 * Windows Update facts from the shared PowerShell run (platform-reference §3.1): the pending search (which
 * may not answer in time), the last installed update from the update history, a pending restart, and
 * updates switched off by policy or by disabling the service.
 */
import { daysBetween } from '../../core/clock.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { newestTime } from '../windows/dates.js'
import {
  UpdatesSectionSchema,
  windowsSection,
  type Part,
  type PendingUpdate,
  type UpdatesSection,
} from '../windows/windows-facts.js'
import { securityPackageList, type PendingCounts } from './manager-report.js'
import type { UpdatesFacts } from './schema.js'

/** WSUS classification GUIDs (MS docs ff357803), never the translated category names. */
const SECURITY_UPDATES = '0fa1201d-4330-4fa8-8ae9-b877473b6441'
/** Defender definitions come several times a day and install by themselves: not an update the user must install. */
const DEFINITION_UPDATES = 'e0789628-ce08-4437-be74-2495b842f43b'

export async function collectWindowsUpdates(ctx: ProbeContext): Promise<UpdatesFacts> {
  return windowsUpdatesFacts(await windowsSection(ctx, 'updates', UpdatesSectionSchema), ctx.clock.now())
}

export function windowsUpdatesFacts(section: UpdatesSection, now: Date): UpdatesFacts {
  const problems: string[] = []
  const readable = <T>(label: string, part: Part<T>): T | null => {
    if (part.ok) return part.data
    problems.push(`${label}: ${part.error}`)
    return null
  }
  const search = readable('Windows Update search', section.pending)
  if (search && !search.answered) problems.push(`Windows Update search: no answer within ${search.waitedSeconds} s`)
  const pending = search?.answered ? countPending(search.updates) : null
  const lastInstalled = readable('update history', section.history)?.lastInstalled ?? null
  const lastSearch = readable('last automatic search', section.lastSearch)?.lastSearchSuccess ?? null
  const refreshedMs = newestTime([search?.checkedAt ?? null, lastSearch])
  const refreshed = refreshedMs === null ? null : new Date(refreshedMs)
  const reboot = readable('restart check', section.reboot)
  const policy = readable('update policy', section.policy)
  const updatesDisabled = disabled(policy, readable('update service', section.service))
  if (!pending && !lastInstalled && updatesDisabled === null) {
    throw new ProbeFailure(`nothing could be read from Windows Update: ${problems.join('; ')}`)
  }
  return {
    packageManager: 'windows-update',
    pendingUpdates: pending?.pendingUpdates ?? null,
    pendingSecurityUpdates: pending?.pendingSecurityUpdates ?? null,
    securityPackages: pending?.securityPackages ?? [],
    indexRefreshedAt: refreshed?.toISOString() ?? null,
    indexAgeDays: refreshed ? daysBetween(refreshed, now) : null,
    rebootRequired: reboot ? reboot.windowsUpdate || reboot.servicing : null,
    lastInstalledAt: lastInstalled?.toISOString() ?? null,
    lastInstalledAgeDays: lastInstalled ? daysBetween(lastInstalled, now) : null,
    updatesDisabled,
    problems,
  }
}

/** A security update has an MSRC severity or sits in the Security Updates classification. */
export function countPending(updates: readonly PendingUpdate[]): PendingCounts {
  const counted = updates.filter((update) => !hasCategory(update, DEFINITION_UPDATES))
  const security = counted.filter((update) => update.severity !== '' || hasCategory(update, SECURITY_UPDATES))
  return {
    pendingUpdates: counted.length,
    pendingSecurityUpdates: security.length,
    securityPackages: securityPackageList(security.map(updateName)),
  }
}

/** The KB number, which every language writes alike; the (translated) title only when there is none. */
function updateName(update: PendingUpdate): string {
  return update.kb[0] ? `KB${update.kb[0]}` : update.title
}

function hasCategory(update: PendingUpdate, guid: string): boolean {
  return update.categories.some((category) => category.toLowerCase() === guid)
}

/** Off when policy blocks it (NoAutoUpdate or DisableWindowsUpdateAccess = 1) or the service is Disabled. */
function disabled(
  policy: { noAutoUpdate: number | null; disableWindowsUpdateAccess: number | null } | null,
  service: { startMode: string | null } | null,
): boolean | null {
  const byPolicy = policy ? policy.noAutoUpdate === 1 || policy.disableWindowsUpdateAccess === 1 : null
  const byService = service?.startMode ? service.startMode === 'Disabled' : null
  if (byPolicy === true || byService === true) return true
  return byPolicy === null && byService === null ? null : false
}
