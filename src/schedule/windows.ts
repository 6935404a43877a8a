// Windows: a Task Scheduler task registered from an XML definition with schtasks, started hidden through wscript.
import type { Host } from '../core/host.js'
import { hostPath } from '../core/user-dirs.js'
import { schedulerFailed, succeeded } from './failure.js'
import {
  formatTime,
  nextRunAfter,
  scheduleDir,
  type Installed,
  type InstallPlan,
  type Launch,
  type Removed,
  type ScheduleDeps,
  type ScheduleInfo,
  type TimeOfDay,
} from './plan.js'
import { childAt, escapeXml, parseXml } from '../core/xml.js'

export const TASK_NAME = 'hygiene-check'
/** Long enough for the Windows Update search (40 s), the upload's retries and a slow disk; a stuck run ends. */
export const EXECUTION_TIME_LIMIT = 'PT30M'

const schtasks = (host: Host): string => hostPath(host).join(host.env.SystemRoot ?? 'C:\\Windows', 'System32', 'schtasks.exe')
export const launcherScript = (host: Host): string => hostPath(host).join(scheduleDir(host), 'run-check.vbs')

/** One argument quoted for CreateProcess as CommandLineToArgvW and the C runtime read it back. */
export function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg
  let quoted = '"'
  let backslashes = 0
  for (const char of arg) {
    if (char === '\\') {
      backslashes++
      continue
    }
    // Backslashes are literal except before a quote, where each one must be doubled.
    quoted += '\\'.repeat(char === '"' ? backslashes * 2 + 1 : backslashes) + char
    backslashes = 0
  }
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`
}

export const windowsCommandLine = (launch: Launch): string => [launch.program, ...launch.args].map(quoteWindowsArg).join(' ')

const vbsString = (text: string): string => `"${text.replace(/"/g, '""')}"`

/**
 * The launcher the task starts. wscript.exe is a windowed (not console) program, so starting it
 * opens no console; Run with window style 0 then starts the check with its console hidden, and
 * waits, so the task's "last result" is the check's exit code. `conhost.exe --headless` is
 * undocumented and unreliable on Windows 10, and `powershell -WindowStyle Hidden` shows a window
 * for a moment before it hides it.
 */
export function launcherSource(launch: Launch): string {
  return [
    "' Started by the Task Scheduler task hygiene-check (hygiene schedule install): runs the check with no window.",
    'Dim shell, command',
    'Set shell = CreateObject("WScript.Shell")',
    `command = ${vbsString(windowsCommandLine(launch))}`,
    'WScript.Quit shell.Run(command, 0, True)',
    '',
  ].join('\r\n')
}

/** The command line inside a launcher written by launcherSource, or null. */
export function commandOfLauncher(source: string): string | null {
  const line = /^command = "((?:[^"]|"")*)"\r?$/m.exec(source)
  return line ? line[1]!.replace(/""/g, '"') : null
}

/** schtasks and wscript read UTF-16 LE with a byte order mark; wscript would read other files in the ANSI code page. */
export function utf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
}

const localDate = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

/** The task definition (Task Scheduler schema 1.2, Windows Vista and later). */
export function taskXml(plan: InstallPlan, host: Host, today: Date): string {
  const { request } = plan
  const user = host.env.USERDOMAIN ? `${host.env.USERDOMAIN}\\${host.userName}` : host.userName
  const schedule =
    request.every === 'day'
      ? ['      <ScheduleByDay>', '        <DaysInterval>1</DaysInterval>', '      </ScheduleByDay>']
      : ['      <ScheduleByWeek>', '        <WeeksInterval>1</WeeksInterval>', '        <DaysOfWeek><Monday /></DaysOfWeek>', '      </ScheduleByWeek>']
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Description>ward-hygiene: security hygiene check of this PC (hygiene schedule install)</Description>',
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <CalendarTrigger>',
    // No time zone in the boundary: the task follows the PC's local time.
    `      <StartBoundary>${localDate(today)}T${formatTime(request.at)}:00</StartBoundary>`,
    '      <Enabled>true</Enabled>',
    ...schedule,
    '    </CalendarTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    ...(user ? [`      <UserId>${escapeXml(user)}</UserId>`] : []),
    // Only while the user is logged on: no stored password, and the check sees the user's desktop settings.
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    // A PC that was off at the planned time runs the check soon after it is back.
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <IdleSettings>',
    '      <StopOnIdleEnd>false</StopOnIdleEnd>',
    '      <RestartOnIdle>false</RestartOnIdle>',
    '    </IdleSettings>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>false</WakeToRun>',
    `    <ExecutionTimeLimit>${EXECUTION_TIME_LIMIT}</ExecutionTimeLimit>`,
    // Below normal: the clerk's work goes first. Processes the task starts inherit the priority class.
    '    <Priority>7</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    '      <Command>%SystemRoot%\\System32\\wscript.exe</Command>',
    `      <Arguments>${escapeXml(`//B //NoLogo ${quoteWindowsArg(launcherScript(host))}`)}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n')
}

export async function installWindows(deps: ScheduleDeps, plan: InstallPlan): Promise<Installed> {
  const { host, run, clock } = deps
  const replaced = (await queryTask(deps)) !== null
  await deps.files.write(launcherScript(host), utf16(launcherSource(plan.launch)))
  const definition = hostPath(host).join(scheduleDir(host), 'task.xml')
  await deps.files.write(definition, utf16(taskXml(plan, host, clock.now())))
  try {
    // /F replaces a task of the same name, so installing twice leaves one task.
    const result = await run(schtasks(host), ['/Create', '/XML', definition, '/TN', TASK_NAME, '/F'])
    if (!succeeded(result)) throw schedulerFailed('schtasks /Create', result)
  } finally {
    await deps.files.remove(definition)
  }
  const { request } = plan
  return {
    replaced,
    info: {
      mechanism: 'task-scheduler',
      every: request.every,
      at: request.at,
      upload: request.upload,
      command: windowsCommandLine(plan.launch),
      location: TASK_NAME,
      active: true,
      nextRun: nextRunAfter(clock.now(), request.every, request.at),
    },
  }
}

/** The task's XML definition, or null when there is no such task (schtasks exits 1). */
async function queryTask(deps: ScheduleDeps): Promise<string | null> {
  // The XML form: the list form's labels and dates are in the language and format of the PC.
  const result = await deps.run(schtasks(deps.host), ['/Query', '/TN', TASK_NAME, '/XML'])
  if (result.exitCode === 1 && !result.notFound) return null
  if (!succeeded(result)) throw schedulerFailed('schtasks /Query', result)
  return result.stdout
}

export async function statusWindows(deps: ScheduleDeps): Promise<ScheduleInfo | null> {
  const xml = await queryTask(deps)
  if (xml === null) return null
  // Written by launcherSource as UTF-16 LE with a BOM.
  const launcher = await deps.files.read(launcherScript(deps.host))
  const command = launcher ? commandOfLauncher(launcher.toString('utf16le').replace(/^\uFEFF/, '')) : null
  return taskInfo(xml, command, deps.clock.now())
}

/** What a registered task does, from its XML as schtasks /Query /XML prints it. */
export function taskInfo(xml: string, launcher: string | null, now: Date): ScheduleInfo {
  const task = parseXml(xml)
  const trigger = childAt(task, 'Triggers/CalendarTrigger')
  const boundary = /T(\d{2}):(\d{2})/.exec(trigger ? (childAt(trigger, 'StartBoundary')?.text ?? '') : '')
  const at: TimeOfDay = { hour: Number(boundary?.[1] ?? 0), minute: Number(boundary?.[2] ?? 0) }
  const every = trigger && childAt(trigger, 'ScheduleByWeek') ? 'week' : 'day'
  const exec = childAt(task, 'Actions/Exec')
  const command = launcher ?? `${childAt(exec ?? task, 'Command')?.text ?? ''} ${childAt(exec ?? task, 'Arguments')?.text ?? ''}`.trim()
  const enabled = (element: string): boolean => childAt(task, element)?.text.trim() !== 'false'
  return {
    mechanism: 'task-scheduler',
    every,
    at,
    upload: / --upload( |$)/.test(command),
    command,
    location: TASK_NAME,
    active: enabled('Settings/Enabled') && (trigger ? childAt(trigger, 'Enabled')?.text.trim() !== 'false' : false),
    nextRun: nextRunAfter(now, every, at),
  }
}

export async function removeWindows(deps: ScheduleDeps): Promise<Removed[]> {
  const existed = (await queryTask(deps)) !== null
  if (existed) {
    const result = await deps.run(schtasks(deps.host), ['/Delete', '/TN', TASK_NAME, '/F'])
    if (!succeeded(result)) throw schedulerFailed('schtasks /Delete', result)
  }
  await deps.files.remove(launcherScript(deps.host))
  return existed ? [{ mechanism: 'task-scheduler', location: TASK_NAME }] : []
}
