// Collects the updates facts on Linux from the first package manager found: apt, dnf or zypper.
import { daysBetween } from '../../core/clock.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { collectApt } from './apt.js'
import { collectDnf } from './dnf.js'
import type { ManagerReport } from './manager-report.js'
import type { UpdatesFacts } from './schema.js'
import { exists, newestMtime } from './system-files.js'
import { collectZypper } from './zypper.js'

/** Debian/Ubuntu, Fedora, openSUSE; a distribution rarely carries another family's package manager. */
/**
 * `database`: the package database, rewritten by every install or upgrade, so its modification
 * time is when packages last changed.
 */
const MANAGERS: ReadonlyArray<{ binary: string; database: string[]; collect: (ctx: ProbeContext) => Promise<ManagerReport> }> = [
  { binary: '/usr/bin/apt-get', database: ['/var/lib/dpkg/status'], collect: collectApt },
  { binary: '/usr/bin/dnf', database: ['/var/lib/rpm/rpmdb.sqlite', '/var/lib/rpm/Packages'], collect: collectDnf },
  { binary: '/usr/bin/zypper', database: ['/var/lib/rpm/rpmdb.sqlite', '/var/lib/rpm/Packages'], collect: collectZypper },
]

export async function collectLinuxUpdates(ctx: ProbeContext): Promise<UpdatesFacts> {
  for (const manager of MANAGERS) {
    if (await exists(ctx, manager.binary)) {
      const [report, lastInstalledAt] = await Promise.all([manager.collect(ctx), newestMtime(ctx, manager.database)])
      return toFacts(ctx, report, lastInstalledAt)
    }
  }
  return {
    packageManager: null,
    pendingUpdates: null,
    pendingSecurityUpdates: null,
    securityPackages: [],
    indexRefreshedAt: null,
    indexAgeDays: null,
    rebootRequired: null,
    lastInstalledAt: null,
    lastInstalledAgeDays: null,
    updatesDisabled: null,
    problems: ['no apt-get, dnf or zypper found'],
  }
}

function toFacts(ctx: ProbeContext, report: ManagerReport, lastInstalledAt: Date | null): UpdatesFacts {
  const { pending, indexRefreshedAt, rebootRequired } = report
  if (!pending && !indexRefreshedAt && rebootRequired === null) {
    throw new ProbeFailure(`nothing could be read from ${report.packageManager}: ${report.problems.join('; ')}`)
  }
  return {
    packageManager: report.packageManager,
    pendingUpdates: pending?.pendingUpdates ?? null,
    pendingSecurityUpdates: pending?.pendingSecurityUpdates ?? null,
    securityPackages: pending?.securityPackages ?? [],
    indexRefreshedAt: indexRefreshedAt?.toISOString() ?? null,
    indexAgeDays: indexRefreshedAt ? daysBetween(indexRefreshedAt, ctx.clock.now()) : null,
    rebootRequired,
    lastInstalledAt: lastInstalledAt?.toISOString() ?? null,
    lastInstalledAgeDays: lastInstalledAt ? daysBetween(lastInstalledAt, ctx.clock.now()) : null,
    updatesDisabled: null,
    problems: report.problems,
  }
}
