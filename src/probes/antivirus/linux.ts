/**
 * Linux antivirus: ClamAV when installed (platform-reference §4). Its signatures are as fresh as
 * the newest database freshclam wrote; files are scanned as they are opened only while clamonacc,
 * ClamAV's on-access scanner, runs. Read from files and /proc, without starting a process.
 */
import { daysBetween } from '../../core/clock.js'
import type { ProbeContext } from '../probe.js'
import { linuxProcesses } from '../software/processes-linux.js'
import { anyExists, newestMtime } from '../updates/system-files.js'
import type { AntivirusFacts } from './schema.js'

/** clamscan (package clamav) scans on demand; clamd (clamav-daemon) is the scanning service. */
const CLAMAV_BINARIES = ['/usr/bin/clamscan', '/usr/sbin/clamd']
const DATABASE_DIR = '/var/lib/clamav'
/** A full database is a .cvd; freshclam keeps it as .cld once it applies incremental updates. */
const DATABASES = ['daily', 'main', 'bytecode'].flatMap((name) => [`${DATABASE_DIR}/${name}.cvd`, `${DATABASE_DIR}/${name}.cld`])

export async function collectLinuxAntivirus(ctx: ProbeContext): Promise<AntivirusFacts> {
  if (!(await anyExists(ctx, CLAMAV_BINARIES))) return { products: [], problems: [] }
  const [updatedAt, processes] = await Promise.all([newestMtime(ctx, DATABASES), linuxProcesses(ctx)])
  const problems: string[] = []
  if (!updatedAt) problems.push(`no ClamAV signature database in ${DATABASE_DIR} (freshclam has not run)`)
  if (!processes) problems.push('/proc cannot be listed: whether clamonacc runs is unknown')
  return {
    products: [
      {
        name: 'ClamAV',
        kind: 'clamav',
        realTimeProtection: processes ? processes.some((process) => process.name === 'clamonacc') : null,
        signaturesUpdatedAt: updatedAt?.toISOString() ?? null,
        signaturesAgeDays: updatedAt ? daysBetween(updatedAt, ctx.clock.now()) : null,
        // ClamAV keeps no "up to date" flag of its own; the rule judges the age.
        upToDate: null,
      },
    ],
    problems,
  }
}
