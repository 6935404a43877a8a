// Windows: the task XML, the hidden launcher, and the schtasks commands, on recorded answers.
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import type { CommandRunner } from '../../src/core/runner.js'
import type { InstallPlan, ScheduleDeps } from '../../src/schedule/plan.js'
import { installSchedule, removeSchedule, scheduleStatus } from '../../src/schedule/schedule.js'
import {
  commandOfLauncher,
  launcherSource,
  quoteWindowsArg,
  taskXml,
  utf16,
} from '../../src/schedule/windows.js'
import { childAt, parseXml, type XmlElement } from '../../src/core/xml.js'
import { commandStub } from '../helpers/command-stub.js'
import { memoryFiles } from '../helpers/memory-files.js'
import { testHost } from '../helpers/probe-context.js'

const PROFILE = 'C:\\Users\\Nguyễn Văn A'
const LOCAL = `${PROFILE}\\AppData\\Local`
const host = testHost({
  platform: 'windows',
  homeDir: PROFILE,
  userName: 'Nguyễn Văn A',
  env: { LOCALAPPDATA: LOCAL, APPDATA: `${PROFILE}\\AppData\\Roaming`, SystemRoot: 'C:\\WINDOWS', USERDOMAIN: 'PC-KETOAN' },
})
const NODE = 'C:\\Program Files\\nodejs\\node.exe'
const SCRIPT = `${PROFILE}\\AppData\\Roaming\\npm\\node_modules\\ward-hygiene\\bin\\hygiene.js`
const LAUNCHER = `${LOCAL}\\hygiene\\schedule\\run-check.vbs`
const DEFINITION = `${LOCAL}\\hygiene\\schedule\\task.xml`
const LOG = `${LOCAL}\\hygiene\\schedule\\check.log`
const SCHTASKS = 'C:\\WINDOWS\\System32\\schtasks.exe'
const clock = fixedClock(new Date(2026, 10, 29, 10, 0))

/** How the C runtime (CommandLineToArgvW rules) splits a command line back into arguments. */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = []
  let current = ''
  let inQuotes = false
  let started = false
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!
    if (char === '\\') {
      let count = 0
      while (line[index] === '\\') {
        count++
        index++
      }
      if (line[index] === '"') {
        current += '\\'.repeat(Math.floor(count / 2))
        if (count % 2 === 1) current += '"'
        else inQuotes = !inQuotes
      } else {
        current += '\\'.repeat(count)
        index--
      }
      started = true
    } else if (char === '"') {
      inQuotes = !inQuotes
      started = true
    } else if (/\s/.test(char) && !inQuotes) {
      if (started) args.push(current)
      current = ''
      started = false
    } else {
      current += char
      started = true
    }
  }
  if (started) args.push(current)
  return args
}

const plan = (every: 'day' | 'week', upload = true): InstallPlan => ({
  request: { every, at: { hour: 9, minute: 30 }, upload },
  launch: { program: NODE, args: [SCRIPT, 'check', '--quiet', ...(upload ? ['--upload'] : []), '--log-file', LOG] },
})

const text = (element: XmlElement | undefined) => element?.text.trim()

describe('quoteWindowsArg', () => {
  it.each([
    ['check', 'check'],
    [NODE, `"${NODE}"`],
    ['', '""'],
    ['C:\\dir with space\\', '"C:\\dir with space\\\\"'],
    ['say "hi"', '"say \\"hi\\""'],
  ])('%s → %s', (arg, quoted) => {
    expect(quoteWindowsArg(arg)).toBe(quoted)
  })

  it('round-trips through the C runtime rules', () => {
    const args = [NODE, SCRIPT, 'check', 'C:\\a b\\', 'x"y', 'tail\\\\"quote', 'Tài liệu\\Bản tải về', '']
    expect(splitWindowsCommandLine(args.map(quoteWindowsArg).join(' '))).toEqual(args)
  })
})

describe('taskXml', () => {
  const task = parseXml(taskXml(plan('day'), host, clock.now()))

  it('is a Task Scheduler 1.2 definition that runs daily at the time, and catches up when the PC was off', () => {
    expect(task.name).toBe('Task')
    expect(task.attributes.get('xmlns')).toBe('http://schemas.microsoft.com/windows/2004/02/mit/task')
    expect(text(childAt(task, 'Triggers/CalendarTrigger/StartBoundary'))).toBe('2026-11-29T09:30:00')
    expect(text(childAt(task, 'Triggers/CalendarTrigger/ScheduleByDay/DaysInterval'))).toBe('1')
    expect(childAt(task, 'Triggers/CalendarTrigger/ScheduleByWeek')).toBeUndefined()
    expect(text(childAt(task, 'Settings/StartWhenAvailable'))).toBe('true')
    expect(text(childAt(task, 'Settings/Enabled'))).toBe('true')
  })

  it('runs only while the user is logged on, without elevation, at low priority, with a time limit', () => {
    expect(text(childAt(task, 'Principals/Principal/LogonType'))).toBe('InteractiveToken')
    expect(text(childAt(task, 'Principals/Principal/RunLevel'))).toBe('LeastPrivilege')
    expect(text(childAt(task, 'Principals/Principal/UserId'))).toBe('PC-KETOAN\\Nguyễn Văn A')
    expect(text(childAt(task, 'Settings/Priority'))).toBe('7')
    expect(text(childAt(task, 'Settings/ExecutionTimeLimit'))).toBe('PT30M')
    expect(text(childAt(task, 'Settings/MultipleInstancesPolicy'))).toBe('IgnoreNew')
  })

  it('starts the hidden launcher through wscript, its path quoted', () => {
    expect(text(childAt(task, 'Actions/Exec/Command'))).toBe('%SystemRoot%\\System32\\wscript.exe')
    const args = text(childAt(task, 'Actions/Exec/Arguments'))!
    expect(args).toBe(`//B //NoLogo "${LAUNCHER}"`)
    expect(splitWindowsCommandLine(args)).toEqual(['//B', '//NoLogo', LAUNCHER])
  })

  it('runs on Mondays for a weekly schedule', () => {
    const weekly = parseXml(taskXml(plan('week'), host, clock.now()))
    expect(text(childAt(weekly, 'Triggers/CalendarTrigger/ScheduleByWeek/WeeksInterval'))).toBe('1')
    expect(childAt(weekly, 'Triggers/CalendarTrigger/ScheduleByWeek/DaysOfWeek/Monday')).toBeDefined()
    expect(childAt(weekly, 'Triggers/CalendarTrigger/ScheduleByDay')).toBeUndefined()
  })

  it('escapes XML in names', () => {
    const odd = testHost({ ...host, userName: 'A & <B>' })
    expect(text(childAt(parseXml(taskXml(plan('day'), odd, clock.now())), 'Principals/Principal/UserId'))).toBe('PC-KETOAN\\A & <B>')
  })
})

describe('the launcher script', () => {
  it('runs the check hidden (window style 0), waits, and returns its exit code', () => {
    const source = launcherSource(plan('day').launch)
    expect(source).toContain('WScript.Quit shell.Run(command, 0, True)')
    expect(source.split('\r\n').every((line) => line === '' || !line.includes('\n'))).toBe(true)
    const command = commandOfLauncher(source)!
    expect(splitWindowsCommandLine(command)).toEqual([NODE, SCRIPT, 'check', '--quiet', '--upload', '--log-file', LOG])
    // VBScript doubles the quotes inside its string literal.
    expect(source).toContain(`command = """${NODE}"" ""${SCRIPT}"" check --quiet --upload --log-file ""${LOG}"""`)
  })
})

function windowsDeps(run: CommandRunner, files = memoryFiles()): ScheduleDeps & { files: ReturnType<typeof memoryFiles> } {
  return { host, run, clock, files, uid: null }
}

const NOT_FOUND = { exitCode: 1, stderr: 'ERROR: The system cannot find the file specified.\r\n' }

describe('schedule install on Windows', () => {
  it('writes the launcher and the definition as UTF-16 LE with BOM, creates the task, and removes the definition', async () => {
    const stub = commandStub()
      .on(`${SCHTASKS} /Query /TN hygiene-check /XML`, NOT_FOUND)
      .on(`${SCHTASKS} /Create /XML ${DEFINITION} /TN hygiene-check /F`, {})
    const files = memoryFiles()
    let definition: Buffer | undefined
    const run: CommandRunner = async (command, args, options) => {
      definition = files.files.get(DEFINITION)
      return stub.run(command, args, options)
    }
    const { info, replaced } = await installSchedule(windowsDeps(run, files), { every: 'day', at: { hour: 9, minute: 30 }, upload: true }, { execPath: NODE, script: SCRIPT })
    stub.assertAllUsed()
    expect(replaced).toBe(false)
    expect(definition!.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]))
    expect(definition!.subarray(2).toString('utf16le')).toMatch(/^<\?xml version="1.0" encoding="UTF-16"\?>/)
    expect(files.files.has(DEFINITION)).toBe(false)
    const launcher = files.files.get(LAUNCHER)!
    expect(launcher.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]))
    expect(launcher.subarray(2).toString('utf16le')).toContain('Nguyễn Văn A')
    expect(info).toMatchObject({ mechanism: 'task-scheduler', every: 'day', at: { hour: 9, minute: 30 }, upload: true, location: 'hygiene-check', active: true })
    expect(info.nextRun).toEqual(new Date(2026, 10, 29, 9, 30 + 24 * 60))
  })

  it('replaces an existing task (/F) and says so', async () => {
    const stub = commandStub()
      .on(`${SCHTASKS} /Query /TN hygiene-check /XML`, { stdout: taskXml(plan('week'), host, clock.now()) })
      .on(`${SCHTASKS} /Create /XML ${DEFINITION} /TN hygiene-check /F`, {})
    const { replaced } = await installSchedule(windowsDeps(stub.run), { every: 'day', at: { hour: 9, minute: 30 }, upload: false }, { execPath: NODE, script: SCRIPT })
    stub.assertAllUsed()
    expect(replaced).toBe(true)
  })

  it('fails with the scheduler\'s reason when schtasks refuses, and leaves no definition behind', async () => {
    const stub = commandStub()
      .on(`${SCHTASKS} /Query /TN hygiene-check /XML`, NOT_FOUND)
      .on(/\/Create/, { exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' })
    const files = memoryFiles()
    const install = installSchedule(windowsDeps(stub.run, files), { every: 'day', at: { hour: 9, minute: 0 }, upload: false }, { execPath: NODE, script: SCRIPT })
    await expect(install).rejects.toMatchObject({ key: 'schedule.failed', exitCode: 3, vars: { detail: 'schtasks /Create: exit code 1 (ERROR: Access is denied.)' } })
    expect(files.files.has(DEFINITION)).toBe(false)
  })
})

describe('schedule status and remove on Windows', () => {
  // schtasks /Query /XML writes the definition back as Task Scheduler stores it (CONSTRUCTED:
  // the registered form adds a URI; through a pipe it may come as UTF-16, which the runner reads as UTF-8).
  const registered = taskXml(plan('week'), host, clock.now()).replace('<RegistrationInfo>', '<RegistrationInfo>\r\n    <URI>\\hygiene-check</URI>')
  const asUtf16Bytes = utf16(registered).toString('utf8')

  it('reads the trigger from the task and the command from the launcher', async () => {
    const files = memoryFiles({ [LAUNCHER]: utf16(launcherSource(plan('week').launch)) })
    const stub = commandStub().on(`${SCHTASKS} /Query /TN hygiene-check /XML`, { stdout: asUtf16Bytes })
    const info = await scheduleStatus(windowsDeps(stub.run, files))
    stub.assertAllUsed()
    expect(info).toEqual({
      mechanism: 'task-scheduler',
      every: 'week',
      at: { hour: 9, minute: 30 },
      upload: true,
      command: `"${NODE}" "${SCRIPT}" check --quiet --upload --log-file "${LOG}"`,
      location: 'hygiene-check',
      active: true,
      nextRun: new Date(2026, 10, 30, 9, 30),
    })
  })

  it('reports a disabled task as inactive', async () => {
    const disabled = registered.replace('    <Enabled>true</Enabled>\r\n    <Hidden>', '    <Enabled>false</Enabled>\r\n    <Hidden>')
    const stub = commandStub().on(`${SCHTASKS} /Query /TN hygiene-check /XML`, { stdout: disabled })
    expect(await scheduleStatus(windowsDeps(stub.run))).toMatchObject({ active: false, command: `%SystemRoot%\\System32\\wscript.exe //B //NoLogo "${LAUNCHER}"` })
  })

  it('says nothing is scheduled when there is no task', async () => {
    const stub = commandStub().on(`${SCHTASKS} /Query /TN hygiene-check /XML`, NOT_FOUND)
    expect(await scheduleStatus(windowsDeps(stub.run))).toBeNull()
  })

  it('deletes the task and its launcher', async () => {
    const files = memoryFiles({ [LAUNCHER]: utf16('x') })
    const stub = commandStub()
      .on(`${SCHTASKS} /Query /TN hygiene-check /XML`, { stdout: registered })
      .on(`${SCHTASKS} /Delete /TN hygiene-check /F`, {})
    expect(await removeSchedule(windowsDeps(stub.run, files))).toEqual([{ mechanism: 'task-scheduler', location: 'hygiene-check' }])
    stub.assertAllUsed()
    expect(files.files.size).toBe(0)
  })

  it('removes nothing when there is no task', async () => {
    const stub = commandStub().on(`${SCHTASKS} /Query /TN hygiene-check /XML`, NOT_FOUND)
    expect(await removeSchedule(windowsDeps(stub.run))).toEqual([])
    stub.assertAllUsed()
  })
})
