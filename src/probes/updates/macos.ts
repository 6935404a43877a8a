/**
 * macOS updates: what `softwareupdate -l` lists (it asks Apple's servers, so it gets its own time
 * limit), the last install from InstallHistory.plist, and Software Update's own preferences.
 */
import { daysBetween } from '../../core/clock.js'
import { describeFailure } from '../../core/runner.js'
import { booleanAt, dateAt, isDict, stringAt, type PlistDict } from '../macos/plist.js'
import { readPlistFile } from '../macos/plist-file.js'
import { majorVersion, readSystemVersion } from '../macos/system-version.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { securityPackageList, type PendingCounts } from './manager-report.js'
import type { UpdatesFacts } from './schema.js'
import { classifyItem, itemName, parseSoftwareUpdateList } from './softwareupdate-macos.js'

/**
 * The listing took 6 and 32 s in elliotweiser/ansible-osx-command-line-tools#65 and #12; a slow
 * server must not hold up the whole check (the probe allows 75 s on macOS).
 */
export const SOFTWAREUPDATE_TIMEOUT_MS = 60_000
const SOFTWAREUPDATE_ARGS = ['-l']
/**
 * `AutomaticCheckEnabled` (geoffrepoli/macvars) and `LastSuccessfulDate`, the last successful check
 * for updates (plaso's software update plist plugin; SummitRoute/osxlockdown#27).
 */
const SOFTWARE_UPDATE_PLIST = '/Library/Preferences/com.apple.SoftwareUpdate.plist'
/** An array of installs with `date`, `displayName` and `processName` (mac_apt and osxripper InstallHistory plugins). */
const INSTALL_HISTORY_PLIST = '/Library/Receipts/InstallHistory.plist'
/** Processes that install system and security updates, as forensic notes on InstallHistory.plist name them. */
const UPDATE_INSTALLERS = new Set(['softwareupdated', 'macos installer'])
/**
 * softwareupdated also installs malware definitions and compatibility data every few days; those
 * are not the system updates the rule asks about (names as they appear in install histories, unverified).
 */
const BACKGROUND_DATA = /ConfigData|XProtect|Compatibility Data/i

export async function collectMacosUpdates(ctx: ProbeContext): Promise<UpdatesFacts> {
  const problems: string[] = []
  const [release, pending, lastInstalledAt] = await Promise.all([
    readSystemVersion(ctx),
    pendingUpdates(ctx, problems),
    lastSystemInstall(ctx),
  ])
  // Read after the listing, which may have recorded a successful check.
  const preferences = await readPlistFile(ctx, SOFTWARE_UPDATE_PLIST)
  const settings = preferences.state === 'ok' && isDict(preferences.value) ? preferences.value : null
  if (preferences.state !== 'ok') problems.push(preferences.reason)
  const counts = pending && countPending(pending, 'reason' in release ? null : majorVersion(release.version))
  const refreshedAt = dateAt(settings, 'LastSuccessfulDate')
  if (!counts && !refreshedAt && !lastInstalledAt) {
    throw new ProbeFailure(`nothing could be read from softwareupdate: ${problems.join('; ')}`)
  }
  const now = ctx.clock.now()
  return {
    packageManager: 'softwareupdate',
    pendingUpdates: counts?.pendingUpdates ?? null,
    pendingSecurityUpdates: counts?.pendingSecurityUpdates ?? null,
    securityPackages: counts?.securityPackages ?? [],
    indexRefreshedAt: refreshedAt?.toISOString() ?? null,
    indexAgeDays: refreshedAt ? daysBetween(refreshedAt, now) : null,
    // Items marked `Action: restart` need a restart to install; no documented flag says a restart is pending.
    rebootRequired: null,
    lastInstalledAt: lastInstalledAt?.toISOString() ?? null,
    lastInstalledAgeDays: lastInstalledAt ? daysBetween(lastInstalledAt, now) : null,
    updatesDisabled: settings ? booleanAt(settings, 'AutomaticCheckEnabled') === false : null,
    problems,
  }
}

type Listing = NonNullable<ReturnType<typeof parseSoftwareUpdateList>>

/** The listed items, or null with the reason in `problems` (timed out, not found, unknown output). */
async function pendingUpdates(ctx: ProbeContext, problems: string[]): Promise<Listing | null> {
  const command = ['softwareupdate', ...SOFTWAREUPDATE_ARGS].join(' ')
  const result = await ctx.run('softwareupdate', SOFTWAREUPDATE_ARGS, { timeoutMs: SOFTWAREUPDATE_TIMEOUT_MS })
  if (result.timedOut || result.notFound || result.outputCapped) {
    problems.push(describeFailure(command, result))
    return null
  }
  const items = parseSoftwareUpdateList(`${result.stdout}\n${result.stderr}`)
  if (items === null) problems.push(`${describeFailure(command, result)}: no list of updates in its output`)
  return items
}

function countPending(items: Listing, runningMajor: number | null): PendingCounts {
  const kinds = items.map((item) => ({ item, kind: classifyItem(item, runningMajor) }))
  const security = kinds.filter(({ kind }) => kind === 'security').map(({ item }) => itemName(item))
  return {
    pendingUpdates: kinds.filter(({ kind }) => kind !== 'upgrade').length,
    pendingSecurityUpdates: security.length,
    securityPackages: securityPackageList(security),
  }
}

/** When a system or security update was last installed; null when the history cannot be read. */
async function lastSystemInstall(ctx: ProbeContext): Promise<Date | null> {
  const read = await readPlistFile(ctx, INSTALL_HISTORY_PLIST)
  if (read.state !== 'ok' || !Array.isArray(read.value)) return null
  const times = read.value
    .filter(isDict)
    .filter(isSystemUpdate)
    .flatMap((entry) => dateAt(entry, 'date')?.getTime() ?? [])
  return times.length > 0 ? new Date(Math.max(...times)) : null
}

function isSystemUpdate(entry: PlistDict): boolean {
  const installer = stringAt(entry, 'processName')?.toLowerCase() ?? ''
  return UPDATE_INSTALLERS.has(installer) && !BACKGROUND_DATA.test(stringAt(entry, 'displayName') ?? '')
}
