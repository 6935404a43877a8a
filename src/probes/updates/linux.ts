// Collects the updates facts on Linux from the first package manager found: apt, dnf or zypper.
import { daysBetween } from '../../core/clock.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { collectApt } from './apt.js'
import { collectDnf } from './dnf.js'
import type { ManagerReport } from './manager-report.js'
import type { UpdatesFacts } from './schema.js'
import { exists } from './system-files.js'
import { collectZypper } from './zypper.js'

/** Debian/Ubuntu, Fedora, openSUSE; a distribution rarely carries another family's package manager. */
const MANAGERS: ReadonlyArray<{ binary: string; collect: (ctx: ProbeContext) => Promise<ManagerReport> }> = [
  { binary: '/usr/bin/apt-get', collect: collectApt },
  { binary: '/usr/bin/dnf', collect: collectDnf },
  { binary: '/usr/bin/zypper', collect: collectZypper },
]

export async function collectLinuxUpdates(ctx: ProbeContext): Promise<UpdatesFacts> {
  for (const manager of MANAGERS) {
    if (await exists(ctx, manager.binary)) return toFacts(ctx, await manager.collect(ctx))
  }
  return {
    packageManager: null,
    pendingUpdates: null,
    pendingSecurityUpdates: null,
    securityPackages: [],
    indexRefreshedAt: null,
    indexAgeDays: null,
    rebootRequired: null,
    problems: ['no apt-get, dnf or zypper found'],
  }
}

function toFacts(ctx: ProbeContext, report: ManagerReport): UpdatesFacts {
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
    problems: report.problems,
  }
}
