/**
 * macOS firewall: the application firewall's global state, from socketfilterfw, else from the
 * configuration profile that manages it, else from its preferences file. Third-party firewalls
 * (Little Snitch, LuLu) are not looked for.
 */
import { booleanAt, isDict, numberAt } from '../macos/plist.js'
import { readManagedPreferences } from '../macos/managed-preferences.js'
import { readPlistFile } from '../macos/plist-file.js'
import { runTool, unexpectedOutput, type ToolCall } from '../macos/run-tool.js'
import type { ProbeContext } from '../probe.js'
import type { FirewallFacts } from './schema.js'

/**
 * Prints `Firewall is enabled. (State = 1)`, `… (State = 2)` when blocking all incoming connections,
 * `Firewall is disabled. (State = 0)` (platform reference §5.1; Mondoo's parser tests, recorded on
 * macOS 26.5, also accept the sentence without a state). It is not on the PATH.
 */
const SOCKETFILTERFW: ToolCall = {
  command: '/usr/libexec/ApplicationFirewall/socketfilterfw',
  args: ['--getglobalstate'],
  timeoutMs: 5_000,
}
const STATE = /\(State = (\d)\)/
const SENTENCE = /Firewall is (enabled|disabled)\./
/** A firewall payload of a configuration profile, key `EnableFirewall` (Mondoo's managed-Mac test). */
const MANAGED_DOMAIN = 'com.apple.security.firewall'
/** `globalstate`: 0 off, 1 on, 2 on for essential services only (robjschroeder/Jamf-Extension-Attributes). */
const ALF_PLIST = '/Library/Preferences/com.apple.alf.plist'

export async function collectMacosFirewall(ctx: ProbeContext): Promise<FirewallFacts> {
  const problems: string[] = []
  const enabled = (await liveState(ctx, problems)) ?? (await configuredState(ctx, problems))
  return { profiles: [{ name: 'application-firewall', enabled }], thirdParty: [], problems }
}

async function liveState(ctx: ProbeContext, problems: string[]): Promise<boolean | null> {
  const result = await runTool(ctx, SOCKETFILTERFW, problems)
  if (!result) return null
  const state = STATE.exec(result.stdout)?.[1]
  if (state !== undefined) return state !== '0'
  const sentence = SENTENCE.exec(result.stdout)?.[1]
  if (sentence === undefined) problems.push(unexpectedOutput(SOCKETFILTERFW, result.stdout + result.stderr))
  return sentence === undefined ? null : sentence === 'enabled'
}

/**
 * The setting on disk, when socketfilterfw gave no answer. Newer releases may keep no com.apple.alf
 * file at all (Mondoo's macOS 26.5 managed Mac had none), so a missing one stays unknown.
 */
async function configuredState(ctx: ProbeContext, problems: string[]): Promise<boolean | null> {
  const managed = booleanAt((await readManagedPreferences(ctx, MANAGED_DOMAIN, problems)).values, 'EnableFirewall')
  if (managed !== null) return managed
  const read = await readPlistFile(ctx, ALF_PLIST)
  if (read.state !== 'ok') {
    problems.push(read.reason)
    return null
  }
  const state = isDict(read.value) ? numberAt(read.value, 'globalstate') : null
  if (state === null) problems.push(`${ALF_PLIST}: no globalstate`)
  return state === null ? null : state !== 0
}
