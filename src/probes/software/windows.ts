/**
 * Installed and running programs on Windows from the shared PowerShell run, no admin rights needed: the
 * uninstall entries of both registry views and of the user (platform-reference §5.4; never Win32_Product), and
 * the names of every running process. Remote-access tools, browsers and office suites are told apart by
 * `classify.ts`, as on every platform.
 */
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { SoftwareSectionSchema, windowsSection, type SoftwareSection } from '../windows/windows-facts.js'
import { browsers, officeSuites, remoteAccessTools } from './classify.js'
import type { SoftwareFacts } from './schema.js'

/** The schema's bound on the installed list. */
const MAX_INSTALLED = 3_000

export async function collectWindowsSoftware(ctx: ProbeContext): Promise<SoftwareFacts> {
  return windowsSoftwareFacts(await windowsSection(ctx, 'software', SoftwareSectionSchema))
}

export function windowsSoftwareFacts(section: SoftwareSection): SoftwareFacts {
  const { installed, running } = section
  if (!installed.ok && !running.ok) {
    throw new ProbeFailure(`neither installed nor running programs could be read: ${installed.error}; ${running.error}`)
  }
  const problems: string[] = []
  if (!installed.ok) problems.push(`uninstall entries: ${installed.error}`)
  if (!running.ok) problems.push(`running processes: ${running.error}`)
  // A 32-bit Windows shows the same entries in both views; a program is listed once.
  const seen = new Set<string>()
  const programs = (installed.ok ? installed.data.programs : []).filter((program) => {
    const key = `${program.name}\u0000${program.version ?? ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  if (programs.length > MAX_INSTALLED) {
    problems.push(`only the first ${MAX_INSTALLED} of ${programs.length} installed programs are listed`)
  }
  const list = programs.slice(0, MAX_INSTALLED).map((program) => ({ ...program, source: 'registry' as const }))
  const names = running.ok ? running.data.names : []
  return {
    installed: list,
    running: names,
    remoteAccessTools: remoteAccessTools(programs, names),
    browsers: browsers(programs),
    office: officeSuites(programs),
    problems,
  }
}
