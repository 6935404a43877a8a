// What a schedule is: validated install options, the command it runs, and when it next runs.
import { z } from 'zod'
import type { Clock } from '../core/clock.js'
import { usageError } from '../core/errors.js'
import type { Host } from '../core/host.js'
import type { CommandRunner } from '../core/runner.js'
import { dataDir, hostPath } from '../core/user-dirs.js'
import { LANGS } from '../i18n/index.js'
import type { ScheduleFiles } from './files.js'

export const PERIODS = ['day', 'week'] as const
export type Period = (typeof PERIODS)[number]

export const MECHANISMS = ['task-scheduler', 'systemd', 'cron', 'launchd'] as const
export type Mechanism = (typeof MECHANISMS)[number]

/** A weekly check runs on Monday, the first working day, when the office PCs are surely on. */
export const WEEKLY_DAY = 1

const TimeSchema = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/)
  .transform((value) => {
    const [hour, minute] = value.split(':').map(Number) as [number, number]
    return { hour, minute }
  })

/** The options of `hygiene schedule install`, as they cross from the command line. */
export const ScheduleRequestSchema = z.object({
  every: z.enum(PERIODS),
  at: TimeSchema,
  upload: z.boolean(),
  lang: z.enum(LANGS).optional(),
  config: z.string().min(1).optional(),
  profile: z.string().min(1).optional(),
})
export type ScheduleRequest = z.infer<typeof ScheduleRequestSchema>
export type TimeOfDay = ScheduleRequest['at']

export interface ScheduleFlags {
  every?: string
  at?: string
  upload?: boolean
  lang?: string
  config?: string
  profile?: string
}

/** Install flags → a request; a bad --every or --at is a usage error naming the value. */
export function parseScheduleFlags(flags: ScheduleFlags, host: Host): ScheduleRequest {
  const every = flags.every ?? 'day'
  const at = flags.at ?? '09:00'
  if (!z.enum(PERIODS).safeParse(every).success) throw usageError('usage.scheduleEvery', { value: every })
  if (!TimeSchema.safeParse(at).success) throw usageError('usage.scheduleAt', { value: at })
  return ScheduleRequestSchema.parse({
    every,
    at,
    upload: flags.upload === true,
    lang: flags.lang,
    // The schedule runs from another folder: a relative --config must mean the same file then.
    config: flags.config === undefined ? undefined : hostPath(host).resolve(flags.config),
    profile: flags.profile,
  })
}

export const formatTime = ({ hour, minute }: TimeOfDay): string => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`

/** The program a schedule starts: the single executable itself, or node with the package's bin script. */
export interface Launcher {
  execPath: string
  /** null when running as a single executable application. */
  script: string | null
}

/** A program and its arguments, not yet quoted for any scheduler. */
export interface Launch {
  program: string
  args: string[]
}

export const logFile = (host: Host): string => hostPath(host).join(dataDir(host), 'schedule', 'check.log')
export const scheduleDir = (host: Host): string => hostPath(host).join(dataDir(host), 'schedule')

export function launchFor(request: ScheduleRequest, launcher: Launcher, host: Host): Launch {
  const args = [
    ...(launcher.script ? [launcher.script] : []),
    'check',
    '--quiet',
    ...(request.upload ? ['--upload'] : []),
    ...(request.lang ? ['--lang', request.lang] : []),
    ...(request.config ? ['--config', request.config] : []),
    ...(request.profile ? ['--profile', request.profile] : []),
    '--log-file',
    logFile(host),
  ]
  return { program: launcher.execPath, args }
}

/** What the platform file needs to install, read or remove a schedule. */
export interface ScheduleDeps {
  host: Host
  run: CommandRunner
  clock: Clock
  files: ScheduleFiles
  /** The user's numeric id (launchd's gui/<uid> domain); null on Windows. */
  uid: number | null
}

/** A schedule as read back from the platform. */
export interface ScheduleInfo {
  mechanism: Mechanism
  every: Period
  at: TimeOfDay
  upload: boolean
  /** The command line as the schedule's definition holds it. */
  command: string
  /** Where the definition lives: a task name, unit or plist file, the crontab. */
  location: string
  /** false when the definition exists but the platform will not run it (a disabled task, a stopped timer). */
  active: boolean
  nextRun: Date | null
}

/** A schedule that `remove` deleted. */
export interface Removed {
  mechanism: Mechanism
  location: string
}

export interface Installed {
  info: ScheduleInfo
  /** An earlier schedule was there and has been replaced. */
  replaced: boolean
}

export interface InstallPlan {
  request: ScheduleRequest
  launch: Launch
}

/** The next local time the schedule fires after `now` (the platforms that do not say it themselves). */
export function nextRunAfter(now: Date, every: Period, at: TimeOfDay): Date {
  const next = new Date(now)
  next.setHours(at.hour, at.minute, 0, 0)
  if (next <= now) next.setDate(next.getDate() + 1)
  if (every === 'week') {
    while (next.getDay() !== WEEKLY_DAY) next.setDate(next.getDate() + 1)
  }
  return next
}
