// macOS has no AutoRun: a mounted drive never starts a program by itself.
import type { ProbeContext } from '../probe.js'
import type { AutorunFacts } from './schema.js'

/**
 * Finder only mounts and shows a USB drive; nothing on it runs until someone opens it, and a
 * downloaded or copied app still meets Gatekeeper. The one AutoPlay-like setting left is for CDs and
 * DVDs (System Settings › CDs & DVDs), which office Macs no longer have drives for. The rule treats
 * macOS as not applicable anyway; these facts say why.
 */
export async function collectMacosAutorun(_ctx: ProbeContext): Promise<AutorunFacts> {
  return { autorunEnabled: false, autoplayEnabled: false, source: 'macos' }
}
