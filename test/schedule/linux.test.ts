// Linux: the systemd units, the crontab edit, and the systemctl and crontab commands, on recorded answers.
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import type { CommandRunner } from '../../src/core/runner.js'
import { cronInfo, cronLine, editCrontab, quoteSystemdArg, serviceUnit, timerUnit } from '../../src/schedule/linux.js'
import type { InstallPlan, ScheduleDeps } from '../../src/schedule/plan.js'
import { installSchedule, removeSchedule, scheduleStatus } from '../../src/schedule/schedule.js'
import { commandStub, type CommandStub } from '../helpers/command-stub.js'
import { memoryFiles, type MemoryFiles } from '../helpers/memory-files.js'
import { testHost } from '../helpers/probe-context.js'

const HOME = '/home/nguyễn văn a'
const host = testHost({ homeDir: HOME, env: {} })
const UNITS = `${HOME}/.config/systemd/user`
const LOG = `${HOME}/.local/share/hygiene/schedule/check.log`
const SCRIPT = '/opt/ward hygiene/bin/hygiene.js'
const launcher = { execPath: '/usr/bin/node', script: SCRIPT }
const clock = fixedClock(new Date(2026, 10, 29, 10, 0))

const plan = (every: 'day' | 'week', upload = false): InstallPlan => ({
  request: { every, at: { hour: 9, minute: 5 }, upload },
  launch: { program: '/usr/bin/node', args: [SCRIPT, 'check', '--quiet', ...(upload ? ['--upload'] : []), '--log-file', LOG] },
})

interface Recorded {
  run: CommandRunner
  inputs: string[]
}

/** The stub's runner, also keeping what was written to each command's stdin. */
function recording(stub: CommandStub): Recorded {
  const inputs: string[] = []
  return {
    inputs,
    run: (command, args, options) => {
      if (options?.input !== undefined) inputs.push(options.input)
      return stub.run(command, args, options)
    },
  }
}

const deps = (run: CommandRunner, files: MemoryFiles = memoryFiles()): ScheduleDeps => ({ host, run, clock, files, uid: 1000 })

describe('systemd units', () => {
  it('the service runs the check once, at the lowest CPU and disk priority, its words quoted for systemd', () => {
    const unit = serviceUnit({ program: '/usr/bin/node', args: [SCRIPT, 'check', '--quiet', '--log-file', '/tmp/100%/$HOME/log'] })
    expect(unit).toContain('\n[Service]\nType=oneshot\n')
    expect(unit).toContain('\nExecStart=/usr/bin/node "/opt/ward hygiene/bin/hygiene.js" check --quiet --log-file /tmp/100%%/$$HOME/log\n')
    expect(unit).toMatch(/^Nice=19$/m)
    expect(unit).toMatch(/^IOSchedulingClass=idle$/m)
    expect(unit).toMatch(/^TimeoutStartSec=30min$/m)
  })

  it.each([
    ['plain', 'plain'],
    ['with space', '"with space"'],
    ['quote"and\\slash', '"quote\\"and\\\\slash"'],
    ['/home/nguyễn văn a', '"/home/nguyễn văn a"'],
  ])('quotes %s as %s', (arg, quoted) => {
    expect(quoteSystemdArg(arg)).toBe(quoted)
  })

  it('the timer fires daily or on Mondays, and catches up after the PC was off', () => {
    const daily = timerUnit(plan('day'))
    expect(daily).toContain('\n[Timer]\nOnCalendar=*-*-* 09:05:00\nPersistent=true\n')
    expect(daily).toContain('\n[Install]\nWantedBy=timers.target\n')
    expect(timerUnit(plan('week'))).toMatch(/^OnCalendar=Mon \*-\*-\* 09:05:00$/m)
  })
})

describe('the crontab line', () => {
  const others = '# m h dom mon dow command\nMAILTO=""\n30 2 * * * /usr/local/bin/backup.sh --all\n'

  it('runs the check at the time with nice, quoted for sh, marked as ours', () => {
    expect(cronLine(plan('day'))).toBe(`5 9 * * * nice -n 19 /usr/bin/node '${SCRIPT}' check --quiet --log-file '${LOG}' # ward-hygiene schedule`)
    expect(cronLine(plan('week', true))).toMatch(/^5 9 \* \* 1 nice -n 19 .* --upload .*# ward-hygiene schedule$/)
  })

  it('escapes cron\'s % and sh\'s single quote', () => {
    const line = cronLine({ ...plan('day'), launch: { program: '/usr/bin/node', args: ["/srv/it's 100%/hygiene.js"] } })
    expect(line).toContain(`'/srv/it'\\''s 100\\%/hygiene.js'`)
  })

  it('adds our line and keeps every other line', () => {
    const edited = editCrontab(others, cronLine(plan('day')))
    expect(edited).toBe(`${others}${cronLine(plan('day'))}\n`)
  })

  it('replaces our own line rather than adding a second one', () => {
    const once = editCrontab(others, cronLine(plan('day')))
    const twice = editCrontab(once, cronLine(plan('week')))
    expect(twice.split('\n').filter((line) => line.endsWith('# ward-hygiene schedule'))).toEqual([cronLine(plan('week'))])
    expect(twice.startsWith(others)).toBe(true)
  })

  it('removes only our line', () => {
    expect(editCrontab(`${cronLine(plan('day'))}\n${others}`, null)).toBe(others)
    expect(editCrontab(`${cronLine(plan('day'))}\n`, null)).toBe('')
  })

  it('is read back into a schedule', () => {
    expect(cronInfo(`${others}${cronLine(plan('week', true))}\n`, clock.now())).toEqual({
      mechanism: 'cron',
      every: 'week',
      at: { hour: 9, minute: 5 },
      upload: true,
      command: `/usr/bin/node '${SCRIPT}' check --quiet --upload --log-file '${LOG}'`,
      location: 'crontab',
      active: true,
      nextRun: new Date(2026, 10, 30, 9, 5),
    })
    expect(cronInfo(others, clock.now())).toBeNull()
  })
})

const RUNNING = { stdout: 'running\n' }
const NO_MANAGER = { exitCode: 1, stdout: 'offline\n', stderr: 'Failed to connect to bus: No medium found\n' }

describe('schedule install on Linux', () => {
  it('with a systemd user manager: writes both units, reloads, enables and starts the timer', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', { exitCode: 1, stdout: 'degraded\n' })
      .on('systemctl --user daemon-reload', {})
      .on('systemctl --user enable --now hygiene-check.timer', {})
    const files = memoryFiles()
    const { info, replaced } = await installSchedule(deps(stub.run, files), plan('day').request, launcher)
    stub.assertAllUsed()
    expect(stub.calls).toEqual(['systemctl --user is-system-running', 'systemctl --user daemon-reload', 'systemctl --user enable --now hygiene-check.timer'])
    expect(replaced).toBe(false)
    expect(files.text(`${UNITS}/hygiene-check.service`)).toBe(serviceUnit(plan('day').launch))
    expect(files.text(`${UNITS}/hygiene-check.timer`)).toBe(timerUnit(plan('day')))
    expect(info).toMatchObject({ mechanism: 'systemd', location: `${UNITS}/hygiene-check.timer`, active: true, upload: false })
  })

  it('replacing a timer restarts it, so the new time applies at once', async () => {
    const files = memoryFiles({ [`${UNITS}/hygiene-check.timer`]: timerUnit(plan('week')) })
    const stub = commandStub()
      .on('systemctl --user is-system-running', RUNNING)
      .on('systemctl --user daemon-reload', {})
      .on('systemctl --user enable --now hygiene-check.timer', {})
      .on('systemctl --user restart hygiene-check.timer', {})
    const { replaced } = await installSchedule(deps(stub.run, files), plan('day').request, launcher)
    stub.assertAllUsed()
    expect(replaced).toBe(true)
    expect(files.text(`${UNITS}/hygiene-check.timer`)).toContain('OnCalendar=*-*-* 09:05:00')
  })

  it('honours XDG_CONFIG_HOME', async () => {
    const files = memoryFiles()
    const stub = commandStub().on('systemctl --user is-system-running', RUNNING).on(/^systemctl --user (daemon-reload|enable)/, {}, 2)
    await installSchedule({ ...deps(stub.run, files), host: testHost({ homeDir: HOME, env: { XDG_CONFIG_HOME: '/cfg' } }) }, plan('day').request, launcher)
    expect([...files.files.keys()].sort()).toEqual(['/cfg/systemd/user/hygiene-check.service', '/cfg/systemd/user/hygiene-check.timer'])
  })

  it('without a user manager: writes the crontab through `crontab -`, keeping the other lines', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', NO_MANAGER)
      .on('crontab -l', { stdout: 'MAILTO=""\n' })
      .on('crontab -', {})
    const recorded = recording(stub)
    const { info, replaced } = await installSchedule(deps(recorded.run), plan('day', true).request, launcher)
    stub.assertAllUsed()
    expect(replaced).toBe(false)
    expect(recorded.inputs).toEqual([`MAILTO=""\n${cronLine(plan('day', true))}\n`])
    expect(info).toMatchObject({ mechanism: 'cron', upload: true, location: 'crontab' })
  })

  it('without systemctl and with no crontab yet', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', { notFound: true })
      .on('crontab -l', { exitCode: 1, stderr: 'no crontab for an\n' })
      .on('crontab -', {})
    const recorded = recording(stub)
    await installSchedule(deps(recorded.run), plan('week').request, launcher)
    expect(recorded.inputs).toEqual([`${cronLine(plan('week'))}\n`])
  })

  it('with neither systemd nor cron: says what to install', async () => {
    const stub = commandStub().on('systemctl --user is-system-running', { notFound: true }).on('crontab -l', { notFound: true })
    await expect(installSchedule(deps(stub.run), plan('day').request, launcher)).rejects.toMatchObject({ key: 'schedule.noScheduler', exitCode: 3 })
  })

  it('passes on systemctl\'s refusal', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', RUNNING)
      .on('systemctl --user daemon-reload', { exitCode: 1, stderr: 'Failed to reload daemon: Access denied\n' })
    await expect(installSchedule(deps(stub.run), plan('day').request, launcher)).rejects.toMatchObject({
      key: 'schedule.failed',
      vars: { detail: 'systemctl --user daemon-reload: exit code 1 (Failed to reload daemon: Access denied)' },
    })
  })
})

describe('schedule status and remove on Linux', () => {
  const installed = () =>
    memoryFiles({ [`${UNITS}/hygiene-check.timer`]: timerUnit(plan('week', true)), [`${UNITS}/hygiene-check.service`]: serviceUnit(plan('week', true).launch) })

  it('reads the timer and asks systemd whether it runs and when next', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', RUNNING)
      .on('systemctl --user show hygiene-check.timer -p ActiveState -p NextElapseUSecRealtime', {
        stdout: 'ActiveState=active\nNextElapseUSecRealtime=Mon 2026-11-30 09:05:00 +07\n',
      })
    const info = await scheduleStatus(deps(stub.run, installed()))
    stub.assertAllUsed()
    expect(info).toEqual({
      mechanism: 'systemd',
      every: 'week',
      at: { hour: 9, minute: 5 },
      upload: true,
      command: `/usr/bin/node "${SCRIPT}" check --quiet --upload --log-file "${LOG}"`,
      location: `${UNITS}/hygiene-check.timer`,
      active: true,
      nextRun: new Date(2026, 10, 30, 9, 5),
    })
  })

  it('reports a stopped timer as inactive', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', RUNNING)
      .on(/^systemctl --user show /, { stdout: 'ActiveState=inactive\nNextElapseUSecRealtime=\n' })
    expect(await scheduleStatus(deps(stub.run, installed()))).toMatchObject({ active: false, nextRun: null })
  })

  it('falls back to the crontab, and to nothing', async () => {
    const withLine = commandStub().on('systemctl --user is-system-running', NO_MANAGER).on('crontab -l', { stdout: `${cronLine(plan('day'))}\n` })
    expect(await scheduleStatus(deps(withLine.run))).toMatchObject({ mechanism: 'cron', every: 'day' })
    const nothing = commandStub().on('systemctl --user is-system-running', RUNNING).on('crontab -l', { exitCode: 1 })
    expect(await scheduleStatus(deps(nothing.run))).toBeNull()
  })

  it('removes the timer: disable, delete the units, reload', async () => {
    const files = installed()
    const stub = commandStub()
      .on('systemctl --user is-system-running', RUNNING)
      .on('systemctl --user disable --now hygiene-check.timer', {})
      .on('systemctl --user daemon-reload', {})
      .on('crontab -l', { notFound: true })
    expect(await removeSchedule(deps(stub.run, files))).toEqual([{ mechanism: 'systemd', location: `${UNITS}/hygiene-check.timer` }])
    stub.assertAllUsed()
    expect(files.files.size).toBe(0)
  })

  it('removes our crontab line and keeps the rest', async () => {
    const stub = commandStub()
      .on('systemctl --user is-system-running', NO_MANAGER)
      .on('crontab -l', { stdout: `MAILTO=""\n${cronLine(plan('day'))}\n30 2 * * * /usr/local/bin/backup.sh\n` })
      .on('crontab -', {})
    const recorded = recording(stub)
    expect(await removeSchedule(deps(recorded.run))).toEqual([{ mechanism: 'cron', location: 'crontab' }])
    expect(recorded.inputs).toEqual(['MAILTO=""\n30 2 * * * /usr/local/bin/backup.sh\n'])
  })

  it('removes nothing when nothing is scheduled', async () => {
    const stub = commandStub().on('systemctl --user is-system-running', RUNNING).on('crontab -l', { stdout: 'MAILTO=""\n' })
    expect(await removeSchedule(deps(stub.run))).toEqual([])
    stub.assertAllUsed()
  })
})
