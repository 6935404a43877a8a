// The install options, the command a schedule runs, and its next run time.
import { describe, expect, it } from 'vitest'
import { HygieneError } from '../../src/core/errors.js'
import { launchFor, nextRunAfter, parseScheduleFlags } from '../../src/schedule/plan.js'
import { testHost } from '../helpers/probe-context.js'

const host = testHost({ homeDir: '/home/an', env: {} })

describe('parseScheduleFlags', () => {
  it('defaults to every day at 09:00, without upload', () => {
    expect(parseScheduleFlags({}, host)).toEqual({ every: 'day', at: { hour: 9, minute: 0 }, upload: false })
  })

  it('reads every option and makes the config path absolute', () => {
    const request = parseScheduleFlags({ every: 'week', at: '7:05', upload: true, lang: 'vi', config: 'cfg/hygiene.yaml', profile: 'school' }, host)
    expect(request).toEqual({
      every: 'week',
      at: { hour: 7, minute: 5 },
      upload: true,
      lang: 'vi',
      config: `${process.cwd()}/cfg/hygiene.yaml`,
      profile: 'school',
    })
  })

  it.each([
    [{ at: '25:00' }, 'usage.scheduleAt', '25:00'],
    [{ at: '9h' }, 'usage.scheduleAt', '9h'],
    [{ at: '09:60' }, 'usage.scheduleAt', '09:60'],
    [{ every: 'month' }, 'usage.scheduleEvery', 'month'],
  ])('%j is a usage error naming the value', (flags, key, value) => {
    let caught: unknown
    try {
      parseScheduleFlags(flags, host)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(HygieneError)
    expect(caught).toMatchObject({ key, vars: { value }, exitCode: 2 })
  })
})

describe('launchFor', () => {
  const request = { every: 'day' as const, at: { hour: 9, minute: 0 }, upload: true, lang: 'vi' as const, config: '/etc/hygiene.yaml', profile: 'police' }

  it('runs node with the bin script, then the check and the install-time options', () => {
    expect(launchFor(request, { execPath: '/usr/bin/node', script: '/opt/hygiene/bin/hygiene.js' }, host)).toEqual({
      program: '/usr/bin/node',
      args: [
        '/opt/hygiene/bin/hygiene.js',
        'check',
        '--quiet',
        '--upload',
        '--lang',
        'vi',
        '--config',
        '/etc/hygiene.yaml',
        '--profile',
        'police',
        '--log-file',
        '/home/an/.local/share/hygiene/schedule/check.log',
      ],
    })
  })

  it('runs a single executable by itself', () => {
    const launch = launchFor({ every: 'day', at: { hour: 9, minute: 0 }, upload: false }, { execPath: '/opt/hygiene-linux-x64', script: null }, host)
    expect(launch).toEqual({ program: '/opt/hygiene-linux-x64', args: ['check', '--quiet', '--log-file', '/home/an/.local/share/hygiene/schedule/check.log'] })
  })
})

describe('nextRunAfter', () => {
  // Local times: the schedule follows the PC's clock.
  const sunday = new Date(2026, 10, 29, 10, 0)

  it('is later today when the time has not come yet, else tomorrow', () => {
    expect(nextRunAfter(sunday, 'day', { hour: 11, minute: 30 })).toEqual(new Date(2026, 10, 29, 11, 30))
    expect(nextRunAfter(sunday, 'day', { hour: 9, minute: 0 })).toEqual(new Date(2026, 10, 30, 9, 0))
    expect(nextRunAfter(new Date(2026, 10, 29, 9, 0), 'day', { hour: 9, minute: 0 })).toEqual(new Date(2026, 10, 30, 9, 0))
  })

  it('is the next Monday for a weekly schedule', () => {
    expect(nextRunAfter(sunday, 'week', { hour: 9, minute: 0 })).toEqual(new Date(2026, 10, 30, 9, 0))
    expect(nextRunAfter(new Date(2026, 10, 30, 9, 1), 'week', { hour: 9, minute: 0 })).toEqual(new Date(2026, 11, 7, 9, 0))
  })
})
