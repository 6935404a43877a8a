// Linux: a systemd user timer, or a line in the user's crontab where there is no systemd user manager.
import { z } from 'zod'
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'
import type { Host } from '../core/host.js'
import { hostPath } from '../core/user-dirs.js'
import { schedulerFailed, succeeded } from './failure.js'
import {
  formatTime,
  nextRunAfter,
  WEEKLY_DAY,
  type Installed,
  type InstallPlan,
  type Launch,
  type Removed,
  type ScheduleDeps,
  type ScheduleInfo,
  type TimeOfDay,
} from './plan.js'

export const TIMER = 'hygiene-check.timer'
export const SERVICE = 'hygiene-check.service'
/** Ends our crontab line (a shell comment to cron's sh), so the line is found again and only it is replaced. */
export const CRON_MARKER = '# ward-hygiene schedule'

const HEADER = '# Written by `hygiene schedule install` (ward-hygiene); `hygiene schedule remove` deletes it.'

/** Where systemd looks for the user's own units. */
export function unitDir(host: Host): string {
  const p = hostPath(host)
  return p.join(host.env.XDG_CONFIG_HOME || p.join(host.homeDir, '.config'), 'systemd', 'user')
}

/** One ExecStart word: `%` starts a specifier and `$` a variable even inside quotes, so both are doubled. */
export function quoteSystemdArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%').replace(/\$/g, '$$$$')
  return /^[\w@%$+=:,./-]+$/.test(arg) ? escaped : `"${escaped.replace(/[\\"]/g, '\\$&')}"`
}

export function serviceUnit(launch: Launch): string {
  return [
    HEADER,
    '[Unit]',
    'Description=ward-hygiene security check of this PC',
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${[launch.program, ...launch.args].map(quoteSystemdArg).join(' ')}`,
    // The clerk's work goes first: lowest CPU priority, disk only when it is otherwise idle.
    'Nice=19',
    'IOSchedulingClass=idle',
    'TimeoutStartSec=30min',
    '',
  ].join('\n')
}

const onCalendar = (every: InstallPlan['request']['every'], at: TimeOfDay): string =>
  `${every === 'week' ? 'Mon ' : ''}*-*-* ${formatTime(at)}:00`

export function timerUnit(plan: InstallPlan): string {
  const { every, at } = plan.request
  return [
    HEADER,
    '[Unit]',
    'Description=ward-hygiene security check of this PC, on schedule',
    '',
    '[Timer]',
    `OnCalendar=${onCalendar(every, at)}`,
    // A PC that was off at the planned time runs the check soon after the user's session starts.
    'Persistent=true',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n')
}

/** One word for cron's sh: single quotes, and `%` escaped because cron turns it into a newline. */
export function quoteShellArg(arg: string): string {
  const quoted = /^[\w@+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`
  return quoted.replace(/%/g, '\\%')
}

export function cronLine(plan: InstallPlan): string {
  const { every, at } = plan.request
  const words = [plan.launch.program, ...plan.launch.args].map(quoteShellArg).join(' ')
  return `${at.minute} ${at.hour} * * ${every === 'week' ? WEEKLY_DAY : '*'} nice -n 19 ${words} ${CRON_MARKER}`
}

const isOurs = (line: string): boolean => line.trimEnd().endsWith(CRON_MARKER)

/** The crontab with our line replaced by `line` (or removed when null); every other line stays as it was. */
export function editCrontab(crontab: string, line: string | null): string {
  const kept = crontab.split('\n').filter((one) => !isOurs(one))
  while (kept.length > 0 && kept.at(-1) === '') kept.pop()
  if (line !== null) kept.push(line)
  // cron ignores a last line without its newline.
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`
}

/** The schedule a crontab holds, or null. */
export function cronInfo(crontab: string, now: Date): ScheduleInfo | null {
  const line = crontab.split('\n').find(isOurs)
  const fields = line && /^(\d+) (\d+) \* \* (\*|\d) (?:nice -n 19 )?(.*?) ?# ward-hygiene schedule\s*$/.exec(line)
  if (!fields) return null
  const at = { hour: Number(fields[2]), minute: Number(fields[1]) }
  const every = fields[3] === '*' ? 'day' : 'week'
  const command = fields[4]!.replace(/\\%/g, '%')
  return {
    mechanism: 'cron',
    every,
    at,
    upload: / --upload( |$)/.test(command),
    command,
    location: 'crontab',
    active: true,
    nextRun: nextRunAfter(now, every, at),
  }
}

/** The systemd states of a running user manager; `offline` (or no answer) means there is none to talk to. */
const MANAGER_STATES = new Set(['initializing', 'starting', 'running', 'degraded', 'maintenance', 'stopping'])

async function hasUserManager(deps: ScheduleDeps): Promise<boolean> {
  const result = await deps.run('systemctl', ['--user', 'is-system-running'])
  return !result.notFound && MANAGER_STATES.has(result.stdout.trim())
}

async function systemctl(deps: ScheduleDeps, ...args: string[]): Promise<void> {
  const result = await deps.run('systemctl', ['--user', ...args])
  if (!succeeded(result)) throw schedulerFailed(`systemctl --user ${args.join(' ')}`, result)
}

/** The user's crontab text ('' when there is none), or null when cron is not installed. */
async function readCrontab(deps: ScheduleDeps): Promise<string | null> {
  const result = await deps.run('crontab', ['-l'])
  if (result.notFound) return null
  if (result.exitCode === 0) return result.stdout
  // "no crontab for <user>": exit 1 and nothing on stdout.
  if (result.exitCode === 1 && result.stdout.trim() === '') return ''
  throw schedulerFailed('crontab -l', result)
}

async function writeCrontab(deps: ScheduleDeps, text: string): Promise<void> {
  const result = await deps.run('crontab', ['-'], { input: text })
  if (!succeeded(result)) throw schedulerFailed('crontab -', result)
}

const unitPath = (host: Host, unit: string): string => hostPath(host).join(unitDir(host), unit)

export async function installLinux(deps: ScheduleDeps, plan: InstallPlan): Promise<Installed> {
  const { host, clock, files } = deps
  const { request } = plan
  if (await hasUserManager(deps)) {
    const timerFile = unitPath(host, TIMER)
    const replaced = (await files.read(timerFile)) !== null
    await files.write(unitPath(host, SERVICE), serviceUnit(plan.launch))
    await files.write(timerFile, timerUnit(plan))
    await systemctl(deps, 'daemon-reload')
    await systemctl(deps, 'enable', '--now', TIMER)
    // A timer that was already running keeps its old time until it is started again.
    if (replaced) await systemctl(deps, 'restart', TIMER)
    const command = [plan.launch.program, ...plan.launch.args].map(quoteSystemdArg).join(' ')
    const nextRun = nextRunAfter(clock.now(), request.every, request.at)
    return { replaced, info: { mechanism: 'systemd', every: request.every, at: request.at, upload: request.upload, command, location: timerFile, active: true, nextRun } }
  }
  const crontab = await readCrontab(deps)
  if (crontab === null) throw new HygieneError('schedule.noScheduler', {}, ExitCode.CouldNotComplete)
  const line = cronLine(plan)
  await writeCrontab(deps, editCrontab(crontab, line))
  return { replaced: cronInfo(crontab, clock.now()) !== null, info: cronInfo(line, clock.now())! }
}

const ShowSchema = z.object({
  ActiveState: z.string().default(''),
  NextElapseUSecRealtime: z.string().default(''),
})

/** `Mon 2026-11-30 09:00:00 +07`: systemd prints the time in the PC's zone; the zone name is not needed. */
function parseSystemdTime(value: string): Date | null {
  const match = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(value)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number]
  return new Date(year, month - 1, day, hour, minute, second)
}

async function systemdInfo(deps: ScheduleDeps, manager: boolean): Promise<ScheduleInfo | null> {
  const timerFile = unitPath(deps.host, TIMER)
  const timer = (await deps.files.read(timerFile))?.toString('utf8')
  const calendar = timer && /^OnCalendar=(Mon )?\*-\*-\* (\d{2}):(\d{2}):00$/m.exec(timer)
  if (!calendar) return null
  const service = (await deps.files.read(unitPath(deps.host, SERVICE)))?.toString('utf8') ?? ''
  const command = /^ExecStart=(.*)$/m.exec(service)?.[1] ?? ''
  const every = calendar[1] ? 'week' : 'day'
  const at = { hour: Number(calendar[2]), minute: Number(calendar[3]) }
  let active = false
  let nextRun: Date | null = null
  if (manager) {
    const result = await deps.run('systemctl', ['--user', 'show', TIMER, '-p', 'ActiveState', '-p', 'NextElapseUSecRealtime'])
    if (!succeeded(result)) throw schedulerFailed('systemctl --user show', result)
    // `show` prints one Name=value per line, the machine-readable form of the properties asked for.
    const pairs = result.stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    const properties = ShowSchema.parse(Object.fromEntries(pairs))
    active = properties.ActiveState === 'active'
    nextRun = active ? (parseSystemdTime(properties.NextElapseUSecRealtime) ?? nextRunAfter(deps.clock.now(), every, at)) : null
  }
  return { mechanism: 'systemd', every, at, upload: / --upload( |$)/.test(command), command, location: timerFile, active, nextRun }
}

export async function statusLinux(deps: ScheduleDeps): Promise<ScheduleInfo | null> {
  const manager = await hasUserManager(deps)
  const timer = await systemdInfo(deps, manager)
  if (timer) return timer
  const crontab = await readCrontab(deps)
  return crontab === null ? null : cronInfo(crontab, deps.clock.now())
}

/** Removes a timer and a crontab line, whichever exist (a PC may have had both over time). */
export async function removeLinux(deps: ScheduleDeps): Promise<Removed[]> {
  const removed: Removed[] = []
  const manager = await hasUserManager(deps)
  const timerFile = unitPath(deps.host, TIMER)
  if ((await deps.files.read(timerFile)) !== null) {
    if (manager) await systemctl(deps, 'disable', '--now', TIMER)
    await deps.files.remove(timerFile)
    await deps.files.remove(unitPath(deps.host, SERVICE))
    if (manager) await systemctl(deps, 'daemon-reload')
    removed.push({ mechanism: 'systemd', location: timerFile })
  }
  const crontab = await readCrontab(deps)
  if (crontab !== null && cronInfo(crontab, deps.clock.now())) {
    await writeCrontab(deps, editCrontab(crontab, null))
    removed.push({ mechanism: 'cron', location: 'crontab' })
  }
  return removed
}
