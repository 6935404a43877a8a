// macOS software: app bundles and running processes, and the remote-access tools, browsers and office suites in them.
import { runTool, type ToolCall } from '../macos/run-tool.js'
import type { ProbeContext } from '../probe.js'
import { readAppBundles } from './bundles-macos.js'
import { browsers, macOfficeSuites, officeSuites, remoteAccessTools } from './classify.js'
import type { SoftwareFacts } from './schema.js'

/**
 * Every process of every user, one executable name a line: `-c` cuts the command to the executable
 * name (ps(1) on macOS), `comm=` drops the header. One process, whatever the number of apps.
 */
const PS: ToolCall = { command: 'ps', args: ['-axco', 'comm='], timeoutMs: 5_000 }
/** The schema's bound on the installed list. */
const INSTALLED_LIMIT = 3_000

export async function collectMacosSoftware(ctx: ProbeContext): Promise<SoftwareFacts> {
  const psProblems: string[] = []
  const [bundles, running] = await Promise.all([readAppBundles(ctx), runningNames(ctx, psProblems)])
  const installed = bundles.installed.slice(0, INSTALLED_LIMIT)
  return {
    installed,
    running,
    remoteAccessTools: remoteAccessTools(installed, running),
    browsers: browsers(installed),
    office: [...officeSuites(installed), ...macOfficeSuites(installed)],
    problems: [...bundles.problems, ...psProblems],
  }
}

async function runningNames(ctx: ProbeContext, problems: string[]): Promise<string[]> {
  const result = await runTool(ctx, PS, problems)
  if (!result) return []
  const names = result.stdout.split('\n').map((line) => line.trim()).filter(Boolean)
  return [...new Set(names)].sort()
}
