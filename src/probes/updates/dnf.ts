// Pending updates on Fedora and its relatives from dnf (dnf4 or dnf5), read from the metadata cache only.
import { readlink } from 'node:fs/promises'
import path from 'node:path'
import { systemPath } from '../../core/host.js'
import { describeFailure } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'
import {
  nothingPending,
  runAccepted,
  securityPackageList,
  type ManagerReport,
  type PendingCounts,
} from './manager-report.js'
import { newestMtime } from './system-files.js'

/** dnf runs up to three times, one after the other (it locks its cache); together they stay under the probe's 60 s. */
const DNF_TIMEOUT_MS = 15_000
/** `-q` drops the progress and metadata lines, `-C` (cacheonly) keeps dnf off the network. */
const QUIET_CACHED = ['-q', '-C']

/** dnf(8) and dnf5-check-upgrade(8): 100 = updates available and listed, 0 = none, anything else is an error. */
const CHECK_UPDATE_LISTED = 100
/** `name.arch` first, then version and repo; a name too long for its column pushes them to an indented next line. */
const CHECK_UPDATE_LINE = /^(\S+\.[A-Za-z0-9_]+)(?:\s+\S+\s+\S+)?\s*$/
/** A package NEVRA as updateinfo prints it: `name-[epoch:]version-release.arch`. */
const NEVRA = /^(.+)-(?:\d+:)?[^-:]+-[^-]+\.([A-Za-z0-9_]+)$/

/**
 * The `name.arch` of each package `check-update` lists. The "Obsoleting packages" section that may follow repeats
 * packages already counted and lists the obsoleted ones, so reading stops there.
 */
export function parseCheckUpdate(output: string): string[] {
  const packages: string[] = []
  for (const line of output.split('\n')) {
    if (/^obsoleting packages/i.test(line)) break
    const match = CHECK_UPDATE_LINE.exec(line)
    if (match) packages.push(match[1]!)
  }
  return packages
}

/**
 * The distinct `name.arch` of the packages in `updateinfo list` output. dnf4 prints `ADVISORY  Severity/Sec.  NEVRA`,
 * dnf5 a table `Name Type Severity Package Issued`; in both, the package is the one column shaped like a NEVRA.
 * One package fixed by several advisories counts once.
 */
export function parseUpdateinfoPackages(output: string): Set<string> {
  const packages = new Set<string>()
  for (const line of output.split('\n')) {
    for (const column of line.trim().split(/\s+/)) {
      const match = NEVRA.exec(column)
      if (match) {
        packages.add(`${match[1]}.${match[2]}`)
        break
      }
    }
  }
  return packages
}

function nameOf(nameArch: string): string {
  return nameArch.slice(0, nameArch.lastIndexOf('.'))
}

type DnfGeneration = 'dnf4' | 'dnf5'

/** Fedora 41+ makes /usr/bin/dnf a link to dnf5, which renamed check-update to check-upgrade. */
async function dnfGeneration(ctx: ProbeContext): Promise<DnfGeneration> {
  try {
    return path.basename(await readlink(systemPath(ctx.host, '/usr/bin/dnf'))).startsWith('dnf5') ? 'dnf5' : 'dnf4'
  } catch {
    return 'dnf4'
  }
}

async function pendingFromDnf(
  ctx: ProbeContext,
  generation: DnfGeneration,
  problems: string[],
): Promise<PendingCounts | null> {
  const listArgs = [...QUIET_CACHED, generation === 'dnf5' ? 'check-upgrade' : 'check-update']
  const listed = await runAccepted(
    ctx,
    'dnf',
    listArgs,
    (code) => code === 0 || code === CHECK_UPDATE_LISTED,
    DNF_TIMEOUT_MS,
    problems,
  )
  if (!listed) return null
  if (listed.exitCode !== CHECK_UPDATE_LISTED) return nothingPending()
  const pending = parseCheckUpdate(listed.stdout)
  if (pending.length === 0) {
    problems.push(`dnf ${listArgs.join(' ')}: exit code 100 but no package line could be read`)
    return null
  }

  const advisories = await runAccepted(
    ctx,
    'dnf',
    [...QUIET_CACHED, 'updateinfo', 'list', '--security'],
    (code) => code === 0,
    DNF_TIMEOUT_MS,
    problems,
  )
  if (!advisories) return { pendingUpdates: pending.length, pendingSecurityUpdates: null, securityPackages: [] }
  // Only packages check-update lists: an advisory for an excluded or version-locked package is not pending.
  const fixed = parseUpdateinfoPackages(advisories.stdout)
  const security = pending.filter((nameArch) => fixed.has(nameArch))
  return {
    pendingUpdates: pending.length,
    pendingSecurityUpdates: security.length,
    securityPackages: securityPackageList(security.map(nameOf)),
  }
}

/**
 * `needs-restarting -r` (dnf-plugins-core; dnf5-plugins) exits 1 when a reboot is needed and 0 when not. dnf also
 * exits 1 for an unknown command (plugin not installed), so 1 counts only when the output speaks of rebooting;
 * without `-q`, in case a version prints that verdict through its logger.
 */
async function rebootRequiredByDnf(ctx: ProbeContext, problems: string[]): Promise<boolean | null> {
  const args = ['-C', 'needs-restarting', '-r']
  const result = await runAccepted(ctx, 'dnf', args, (code) => code === 0 || code === 1, DNF_TIMEOUT_MS, problems)
  if (!result) return null
  if (result.exitCode === 0) return false
  if (/reboot/i.test(result.stdout + result.stderr)) return true
  problems.push(describeFailure(['dnf', ...args].join(' '), result))
  return null
}

/**
 * Best effort: dnf4 rewrites `<repo>.solv` when metadata changes and touches the primary metadata when it finds
 * expired metadata unchanged (libdnf Repo::Impl::resetTimestamp); dnf5 keeps each repo's files in its own folder.
 */
const INDEX_STAMPS: Record<DnfGeneration, string[]> = {
  dnf4: ['/var/cache/dnf/*.solv', '/var/cache/dnf/*/repodata/*'],
  dnf5: ['/var/cache/libdnf5/*/repodata/*', '/var/cache/libdnf5/*/solv/*'],
}

export async function collectDnf(ctx: ProbeContext): Promise<ManagerReport> {
  const generation = await dnfGeneration(ctx)
  const problems: string[] = []
  const pending = await pendingFromDnf(ctx, generation, problems)
  const rebootRequired = await rebootRequiredByDnf(ctx, problems)
  const indexRefreshedAt = await newestMtime(ctx, INDEX_STAMPS[generation])
  return { packageManager: 'dnf', pending, indexRefreshedAt, rebootRequired, problems }
}
