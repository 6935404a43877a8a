/**
 * macOS antivirus: XProtect, which every Mac has. Its signatures are dated by the XProtect bundles
 * and the install history; it scans when Gatekeeper assesses code, so Gatekeeper's switch stands
 * for its real-time protection. Third-party products are not looked for (see the README).
 */
import { stat } from 'node:fs/promises'
import { daysBetween } from '../../core/clock.js'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import { readInstallHistory } from '../macos/install-history.js'
import { readSources, runTool, unexpectedOutput, type ToolCall } from '../macos/run-tool.js'
import type { ProbeContext } from '../probe.js'
import type { AntivirusFacts } from './schema.js'

/**
 * Where XProtect's rules live: until macOS 14 Software Update replaces the bundle in
 * /Library/Apple (eclecticlight.co, "A simple guide to how XProtect installs and updates in
 * Sequoia"); macOS 15 prefers its own copy in /var/protected/xprotect, updated over iCloud, which is
 * often readable by root only (a public Swift security checkup skips it then). The newest one wins.
 */
export const XPROTECT_BUNDLES = [
  '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist',
  '/private/var/protected/xprotect/XProtect.bundle/Contents/Info.plist',
]
/**
 * Software Update records each signature update as `XProtectPlistConfigData` (salopensource/sal#420
 * reads it from the install history; eclecticlight.co names the update labels
 * `XProtectPlistConfigData_10_15-5322`). XProtectPayloads is XProtect Remediator, not the signatures.
 */
const SIGNATURE_UPDATE = /^XProtectPlistConfigData/
/**
 * "assessments enabled" / "assessments disabled" on stdout, exit status 0 / 1 (Ansible and Sal
 * plugins read it so; no administrator rights needed).
 */
const SPCTL: ToolCall = { command: 'spctl', args: ['--status'], timeoutMs: 5_000, exitCodes: [0, 1] }
const ASSESSMENTS = /assessments (enabled|disabled)/

export async function collectMacosAntivirus(ctx: ProbeContext): Promise<AntivirusFacts> {
  const { values, problems } = await readSources([
    (noted: string[]) => bundleTimes(ctx, noted),
    (noted: string[]) => signatureUpdateTimes(ctx, noted),
    (noted: string[]) => gatekeeperEnabled(ctx, noted),
  ])
  const [fileTimes, updateTimes, gatekeeper] = values
  const times = [...fileTimes, ...updateTimes]
  const updatedAt = times.length > 0 ? new Date(Math.max(...times)) : null
  return {
    products: [
      {
        name: 'XProtect',
        kind: 'xprotect',
        realTimeProtection: gatekeeper,
        signaturesUpdatedAt: updatedAt?.toISOString() ?? null,
        signaturesAgeDays: updatedAt ? daysBetween(updatedAt, ctx.clock.now()) : null,
        // XProtect keeps no "signatures are current" flag of its own.
        upToDate: null,
      },
    ],
    problems,
  }
}

/**
 * When each bundle's Info.plist last changed; an absent bundle is skipped (the other location
 * serves), an unreadable one said in `problems`. Installer keeps a package's file times, so this may
 * be when Apple built the update rather than when it arrived (unverified).
 */
async function bundleTimes(ctx: ProbeContext, problems: string[]): Promise<number[]> {
  const times: number[] = []
  for (const file of XPROTECT_BUNDLES) {
    try {
      times.push((await stat(systemPath(ctx.host, file))).mtimeMs)
    } catch (error) {
      const code = errorCode(error)
      if (code !== 'ENOENT') problems.push(`${file}: ${code ?? 'unreadable'}`)
    }
  }
  return times
}

async function signatureUpdateTimes(ctx: ProbeContext, problems: string[]): Promise<number[]> {
  const history = await readInstallHistory(ctx)
  if ('reason' in history) {
    problems.push(history.reason)
    return []
  }
  return history.filter((entry) => SIGNATURE_UPDATE.test(entry.displayName)).map((entry) => entry.date.getTime())
}

async function gatekeeperEnabled(ctx: ProbeContext, problems: string[]): Promise<boolean | null> {
  const result = await runTool(ctx, SPCTL, problems)
  if (!result) return null
  const answer = ASSESSMENTS.exec(result.stdout)?.[1]
  if (answer === undefined) problems.push(unexpectedOutput(SPCTL, result.stdout + result.stderr))
  return answer === undefined ? null : answer === 'enabled'
}
