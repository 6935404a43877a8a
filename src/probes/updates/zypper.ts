// Pending updates on openSUSE and SLE from zypper's XML output, without refreshing the repositories.
import type { ProbeContext } from '../probe.js'
import { nothingPending, runAccepted, type ManagerReport, type PendingCounts } from './manager-report.js'
import { anyExists, newestMtime } from './system-files.js'

const ZYPPER_OPTIONS = ['--non-interactive', '--no-refresh', '-x']
const ZYPPER_TIMEOUT_MS = 20_000

/** zypper(8) EXIT CODES: 1-8 are errors; 100 and up are information (updates needed, reboot needed, repos skipped). */
function zypperAnswered(exitCode: number): boolean {
  return exitCode === 0 || exitCode >= 100
}

export type ZypperUpdate = Readonly<Record<string, string>>

/**
 * The attributes of every `<update kind=... name=... />` element, in `<update-list>` or `<blocked-update-list>`
 * (zypper src/update.cc); null when the output is not an update status (an error message instead).
 */
export function parseZypperUpdates(xml: string): ZypperUpdate[] | null {
  if (!xml.includes('<update-status')) return null
  return [...xml.matchAll(/<update\s([^>]*)>/g)].map((element) => {
    const attributes = [...element[1]!.matchAll(/([\w-]+)="([^"]*)"/g)]
    return Object.fromEntries(attributes.map((attribute) => [attribute[1], attribute[2]]))
  })
}

function isPackageUpdate(update: ZypperUpdate): boolean {
  return update.kind === 'package'
}

/**
 * In XML mode zypper prints every applicable patch whatever `--category` says (src/update.cc), so the category is
 * checked here; a locked patch (status "unwanted") is not counted, as zypper's own summary does not count it.
 */
function isNeededSecurityPatch(update: ZypperUpdate): boolean {
  return update.kind === 'patch' && update.category === 'security' && (update.status ?? 'needed') === 'needed'
}

async function zypperUpdates(ctx: ProbeContext, command: string[], problems: string[]): Promise<ZypperUpdate[] | null> {
  const args = [...ZYPPER_OPTIONS, ...command]
  const result = await runAccepted(ctx, 'zypper', args, zypperAnswered, ZYPPER_TIMEOUT_MS, problems)
  if (!result) return null
  const updates = parseZypperUpdates(result.stdout)
  if (!updates) problems.push(`zypper ${args.join(' ')}: no update status in the output`)
  return updates
}

async function pendingFromZypper(ctx: ProbeContext, problems: string[]): Promise<PendingCounts | null> {
  const updates = await zypperUpdates(ctx, ['list-updates'], problems)
  if (!updates) return null
  const pending = updates.filter(isPackageUpdate).length
  if (pending === 0) return nothingPending()
  const patches = await zypperUpdates(ctx, ['list-patches', '--category', 'security'], problems)
  // Patches are advisories, not packages, and the XML does not say which packages they hold: no names.
  return {
    pendingUpdates: pending,
    pendingSecurityUpdates: patches ? patches.filter(isNeededSecurityPatch).length : null,
    securityPackages: [],
  }
}

/** The flag `zypper needs-rebooting` checks (src/commands/needs-rebooting.cc); /var/run is /run on current systems. */
const REBOOT_FLAGS = ['/var/run/reboot-needed', '/run/reboot-needed']
/** libzypp touches the repo's repomd.xml each time a refresh finds it current (RepoManager touchIndexFile). */
const INDEX_STAMPS = ['/var/cache/zypp/raw/*/repodata/repomd.xml']

export async function collectZypper(ctx: ProbeContext): Promise<ManagerReport> {
  const problems: string[] = []
  const pending = await pendingFromZypper(ctx, problems)
  const [indexRefreshedAt, rebootRequired] = await Promise.all([
    newestMtime(ctx, INDEX_STAMPS),
    anyExists(ctx, REBOOT_FLAGS),
  ])
  return { packageManager: 'zypper', pending, indexRefreshedAt, rebootRequired, problems }
}
