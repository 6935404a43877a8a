/**
 * What is installed on Linux, one process per package system: dpkg (Debian, Ubuntu) or rpm (Fedora,
 * openSUSE), plus snap and flatpak when their commands exist. Each listing that fails becomes a
 * problem; the others still count.
 */
import { describeFailure, type RunResult } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'
import { exists } from '../updates/system-files.js'
import type { SoftwareFacts } from './schema.js'

export type Installed = SoftwareFacts['installed'][number]

export interface PackageListing {
  installed: Installed[]
  problems: string[]
}

const LIST_TIMEOUT_MS = 10_000

/** dpkg-query(1) fields; `db:Status-Abbrev` is `ii ` for an installed package (wanted install, status installed). */
const DPKG_FORMAT = '${binary:Package}\\t${Version}\\t${Maintainer}\\t${db:Status-Abbrev}\\n'
const RPM_FORMAT = '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n'

interface Lister {
  binary: string
  command: string
  args: string[]
  parse: (stdout: string) => Installed[]
}

const DPKG: Lister = {
  binary: '/usr/bin/dpkg-query',
  command: 'dpkg-query',
  args: ['-W', `-f=${DPKG_FORMAT}`],
  parse: parseDpkgQuery,
}
const RPM: Lister = { binary: '/usr/bin/rpm', command: 'rpm', args: ['-qa', '--qf', RPM_FORMAT], parse: parseRpmQuery }
const EXTRA: Lister[] = [
  { binary: '/usr/bin/snap', command: 'snap', args: ['list', '--color=never', '--unicode=never'], parse: parseSnapList },
  {
    binary: '/usr/bin/flatpak',
    command: 'flatpak',
    args: ['list', '--app', '--columns=application,version'],
    parse: parseFlatpakList,
  },
]

export async function linuxPackages(ctx: ProbeContext): Promise<PackageListing> {
  // rpm is only asked where dpkg is absent: Debian can carry an rpm binary with an empty database.
  const system = (await exists(ctx, DPKG.binary)) ? DPKG : (await exists(ctx, RPM.binary)) ? RPM : null
  const present = await Promise.all(EXTRA.map((lister) => exists(ctx, lister.binary)))
  const listers = [...(system ? [system] : []), ...EXTRA.filter((_, index) => present[index])]
  const listings = await Promise.all(listers.map((lister) => list(ctx, lister)))
  return {
    installed: listings.flatMap((listing) => listing.installed),
    problems: [...(system ? [] : ['no dpkg-query or rpm found']), ...listings.flatMap((listing) => listing.problems)],
  }
}

async function list(ctx: ProbeContext, lister: Lister): Promise<PackageListing> {
  let result: RunResult
  try {
    result = await ctx.run(lister.command, lister.args, { timeoutMs: LIST_TIMEOUT_MS })
  } catch (error) {
    return { installed: [], problems: [`${lister.command}: ${error instanceof Error ? error.message : String(error)}`] }
  }
  if (result.exitCode !== 0) return { installed: [], problems: [describeFailure(lister.command, result)] }
  return { installed: lister.parse(result.stdout), problems: [] }
}

function fields(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'))
}

/** `name\tversion\tMaintainer Name <mail>\tii `; only installed packages (`ii`) are kept. */
export function parseDpkgQuery(stdout: string): Installed[] {
  return fields(stdout)
    .filter(([name, , , status]) => name && status?.trim() === 'ii')
    .map(([name, version, maintainer]) => ({
      name: name!,
      version: version || null,
      publisher: maintainer?.replace(/\s*<[^>]*>\s*$/, '') || null,
      source: 'dpkg' as const,
    }))
}

/** `name\tversion-release\tvendor`; rpm prints `(none)` for a missing vendor. */
export function parseRpmQuery(stdout: string): Installed[] {
  return fields(stdout)
    .filter(([name]) => name)
    .map(([name, version, vendor]) => ({
      name: name!,
      version: version || null,
      publisher: vendor && vendor !== '(none)' ? vendor : null,
      source: 'rpm' as const,
    }))
}

/**
 * `Name  Version  Rev  Tracking  Publisher  Notes` columns under a header; with `--unicode=never`
 * a verified publisher is marked `**` (a check mark otherwise), and `-` means none.
 */
export function parseSnapList(stdout: string): Installed[] {
  return stdout
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => columns.length >= 5)
    .map(([name, version, , , publisher]) => ({
      name: name!,
      version: version || null,
      publisher: publisher === '-' ? null : publisher!.replace(/[*✓]+$/u, ''),
      source: 'snap' as const,
    }))
}

/** `com.rustdesk.RustDesk\t1.3.2`: tab-separated when not printed to a terminal; the version may be empty. */
export function parseFlatpakList(stdout: string): Installed[] {
  return fields(stdout)
    .filter(([application]) => application && /\./.test(application))
    .map(([application, version]) => ({
      name: application!.trim(),
      version: version?.trim() || null,
      publisher: null,
      source: 'flatpak' as const,
    }))
}
