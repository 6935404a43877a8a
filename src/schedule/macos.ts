// macOS: a LaunchAgent plist in the user's Library, loaded into the user's GUI session with launchctl.
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'
import type { Host } from '../core/host.js'
import { hostPath } from '../core/user-dirs.js'
import { parsePlist, type PlistDict, type PlistValue } from '../probes/macos/plist.js'
import { schedulerFailed, succeeded } from './failure.js'
import {
  nextRunAfter,
  WEEKLY_DAY,
  type Installed,
  type InstallPlan,
  type Removed,
  type ScheduleDeps,
  type ScheduleInfo,
} from './plan.js'
import { escapeXml } from '../core/xml.js'

export const LABEL = 'vn.ward-hygiene.check'
const LAUNCHCTL = '/bin/launchctl'

export const agentPlist = (host: Host): string => hostPath(host).join(host.homeDir, 'Library', 'LaunchAgents', `${LABEL}.plist`)

function domain(deps: ScheduleDeps): string {
  if (deps.uid === null) throw new HygieneError('schedule.failed', { detail: 'launchctl: no user id' }, ExitCode.CouldNotComplete)
  return `gui/${deps.uid}`
}

const integer = (key: string, value: number): string => `    <key>${key}</key>\n    <integer>${value}</integer>`

export function launchAgentPlist(plan: InstallPlan): string {
  const { request, launch } = plan
  const words = [launch.program, ...launch.args].map((word) => `    <string>${escapeXml(word)}</string>`)
  const calendar = [integer('Hour', request.at.hour), integer('Minute', request.at.minute)]
  if (request.every === 'week') calendar.push(integer('Weekday', WEEKLY_DAY))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...words,
    '  </array>',
    // launchd runs a calendar job missed while the Mac slept when it wakes (not one missed while it was off).
    '  <key>StartCalendarInterval</key>',
    '  <dict>',
    ...calendar,
    '  </dict>',
    // Background: launchd throttles CPU and I/O so the user's own work goes first.
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '  <key>LowPriorityIO</key>',
    '  <true/>',
    '  <key>Nice</key>',
    '  <integer>19</integer>',
    '  <key>RunAtLoad</key>',
    '  <false/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n')
}

async function isLoaded(deps: ScheduleDeps): Promise<boolean> {
  // The exit code says whether the job is loaded; the printed text is not a stable format.
  const result = await deps.run(LAUNCHCTL, ['print', `${domain(deps)}/${LABEL}`])
  if (result.notFound) throw schedulerFailed('launchctl', result)
  return result.exitCode === 0
}

async function launchctl(deps: ScheduleDeps, ...args: string[]): Promise<void> {
  const result = await deps.run(LAUNCHCTL, args)
  if (!succeeded(result)) throw schedulerFailed(`launchctl ${args[0]}`, result)
}

export async function installMacos(deps: ScheduleDeps, plan: InstallPlan): Promise<Installed> {
  const file = agentPlist(deps.host)
  const loaded = await isLoaded(deps)
  const replaced = loaded || (await deps.files.read(file)) !== null
  // bootstrap refuses a label that is already loaded: take the old one out first.
  if (loaded) await launchctl(deps, 'bootout', `${domain(deps)}/${LABEL}`)
  const text = launchAgentPlist(plan)
  await deps.files.write(file, text)
  await launchctl(deps, 'bootstrap', domain(deps), file)
  return { replaced, info: plistInfo(text, file, true, deps.clock.now())! }
}

const entry = (dict: PlistDict, key: string): PlistValue | undefined => dict.get(key)

/** The schedule a plist written by launchAgentPlist holds, or null when it is not one. */
export function plistInfo(text: string, location: string, active: boolean, now: Date): ScheduleInfo | null {
  const plist = parsePlist(text)
  if (!(plist instanceof Map)) return null
  const words = entry(plist, 'ProgramArguments')
  const calendar = entry(plist, 'StartCalendarInterval')
  if (!Array.isArray(words) || !(calendar instanceof Map)) return null
  const hour = entry(calendar, 'Hour')
  const minute = entry(calendar, 'Minute')
  if (typeof hour !== 'number' || typeof minute !== 'number') return null
  const every = entry(calendar, 'Weekday') === undefined ? 'day' : 'week'
  const at = { hour, minute }
  const args = words.map(String)
  const command = args.map((word) => (/[\s'"]/.test(word) ? `'${word.replace(/'/g, "'\\''")}'` : word)).join(' ')
  return { mechanism: 'launchd', every, at, upload: args.includes('--upload'), command, location, active, nextRun: active ? nextRunAfter(now, every, at) : null }
}

export async function statusMacos(deps: ScheduleDeps): Promise<ScheduleInfo | null> {
  const file = agentPlist(deps.host)
  const text = await deps.files.read(file)
  if (text === null) return null
  return plistInfo(text.toString('utf8'), file, await isLoaded(deps), deps.clock.now())
}

export async function removeMacos(deps: ScheduleDeps): Promise<Removed[]> {
  const file = agentPlist(deps.host)
  const loaded = await isLoaded(deps)
  const present = (await deps.files.read(file)) !== null
  if (loaded) await launchctl(deps, 'bootout', `${domain(deps)}/${LABEL}`)
  await deps.files.remove(file)
  return loaded || present ? [{ mechanism: 'launchd', location: file }] : []
}
