/**
 * Linux software: packages (dpkg or rpm, snap, flatpak), programs unpacked into /opt without a
 * package, and the processes running now (/proc), classified by classify.ts under their display names.
 */
import path from 'node:path'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { listDir } from '../updates/system-files.js'
import { browsers, officeSuites, remoteAccessTools, type Program } from './classify.js'
import { classifierProgram, OPT_VENDOR_FOLDERS } from './names-linux.js'
import { linuxPackages } from './packages-linux.js'
import { linuxProcesses } from './processes-linux.js'
import type { SoftwareFacts } from './schema.js'

/** The schema's bound on `installed`: enough for rules on named software, small enough for the report. */
const MAX_INSTALLED = 3000

export async function collectLinuxSoftware(ctx: ProbeContext): Promise<SoftwareFacts> {
  const [packages, optFolders, processes] = await Promise.all([
    linuxPackages(ctx),
    optPrograms(ctx),
    linuxProcesses(ctx),
  ])
  const problems = [...packages.problems, ...(processes ? [] : ['/proc cannot be listed: running programs unknown'])]
  if (!packages.installed.length && !processes) throw new ProbeFailure(problems.join('; '))
  const running = [...new Set((processes ?? []).map((process) => process.name))].sort()
  const programs = [
    ...packages.installed.map((entry) => classifierProgram(entry.name, entry.version)),
    ...optFolders.map((folder) => classifierProgram(folder, null)),
  ].filter((program): program is Program => program !== null)
  if (packages.installed.length > MAX_INSTALLED) {
    problems.push(`${packages.installed.length} packages installed; the list keeps the first ${MAX_INSTALLED}`)
  }
  return {
    installed: packages.installed.slice(0, MAX_INSTALLED),
    running,
    remoteAccessTools: remoteAccessTools(programs, running),
    browsers: browsers(programs),
    office: officeSuites(programs),
    problems,
  }
}

/**
 * Folders of /opt, where vendors' tarballs and some .debs unpack (/opt/anydesk, /opt/google/chrome).
 * They have no version and are not packages, so they only feed the classifier.
 */
async function optPrograms(ctx: ProbeContext): Promise<string[]> {
  const top = await listDir(ctx, '/opt')
  const nested = await Promise.all(
    top
      .filter((folder) => OPT_VENDOR_FOLDERS.includes(folder))
      .map(async (vendor) => (await listDir(ctx, `/opt/${vendor}`)).map((name) => path.posix.join(vendor, name))),
  )
  return [...top, ...nested.flat()]
}
