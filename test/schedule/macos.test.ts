// macOS: the LaunchAgent plist and the launchctl commands, on recorded answers.
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import type { CommandRunner } from '../../src/core/runner.js'
import { launchAgentPlist } from '../../src/schedule/macos.js'
import type { InstallPlan, ScheduleDeps } from '../../src/schedule/plan.js'
import { installSchedule, removeSchedule, scheduleStatus } from '../../src/schedule/schedule.js'
import { parsePlist, type PlistDict } from '../../src/probes/macos/plist.js'
import { commandStub } from '../helpers/command-stub.js'
import { memoryFiles, type MemoryFiles } from '../helpers/memory-files.js'
import { testHost } from '../helpers/probe-context.js'

const HOME = '/Users/nguyenvana'
const host = testHost({ platform: 'macos', homeDir: HOME, env: {} })
const PLIST = `${HOME}/Library/LaunchAgents/vn.ward-hygiene.check.plist`
const EXEC = '/Users/nguyenvana/Tải về/hygiene-macos-arm64'
const LOG = `${HOME}/Library/Application Support/hygiene/schedule/check.log`
const clock = fixedClock(new Date(2026, 10, 29, 10, 0))

const plan = (every: 'day' | 'week', upload = false): InstallPlan => ({
  request: { every, at: { hour: 8, minute: 45 }, upload },
  launch: { program: EXEC, args: ['check', '--quiet', ...(upload ? ['--upload'] : []), '--log-file', LOG] },
})
const deps = (run: CommandRunner, files: MemoryFiles = memoryFiles()): ScheduleDeps => ({ host, run, clock, files, uid: 501 })

describe('launchAgentPlist', () => {
  it('is a valid XML plist with the label, the program, the calendar and low priority', () => {
    const plist = parsePlist(launchAgentPlist(plan('week', true))) as PlistDict
    expect(plist.get('Label')).toBe('vn.ward-hygiene.check')
    expect(plist.get('ProgramArguments')).toEqual([EXEC, 'check', '--quiet', '--upload', '--log-file', LOG])
    expect(plist.get('StartCalendarInterval')).toEqual(new Map<string, number>([['Hour', 8], ['Minute', 45], ['Weekday', 1]]))
    expect(plist.get('ProcessType')).toBe('Background')
    expect(plist.get('LowPriorityIO')).toBe(true)
    expect(plist.get('Nice')).toBe(19)
    expect(plist.get('RunAtLoad')).toBe(false)
  })

  it('has no weekday when it runs every day, and escapes XML in paths', () => {
    const odd = { ...plan('day'), launch: { program: '/Applications/R&D <tools>/hygiene', args: ['check'] } }
    const plist = parsePlist(launchAgentPlist(odd)) as PlistDict
    expect(plist.get('StartCalendarInterval')).toEqual(new Map<string, number>([['Hour', 8], ['Minute', 45]]))
    expect(plist.get('ProgramArguments')).toEqual(['/Applications/R&D <tools>/hygiene', 'check'])
  })
})

describe('schedule on macOS', () => {
  it('install: writes the plist and bootstraps it into the GUI session', async () => {
    const files = memoryFiles()
    const stub = commandStub()
      .on('/bin/launchctl print gui/501/vn.ward-hygiene.check', { exitCode: 113, stderr: 'Could not find service "vn.ward-hygiene.check" in domain for user gui: 501\n' })
      .on(`/bin/launchctl bootstrap gui/501 ${PLIST}`, {})
    const { info, replaced } = await installSchedule(deps(stub.run, files), plan('day').request, { execPath: EXEC, script: null })
    stub.assertAllUsed()
    expect(replaced).toBe(false)
    expect(files.text(PLIST)).toBe(launchAgentPlist(plan('day')))
    expect(info).toMatchObject({ mechanism: 'launchd', every: 'day', at: { hour: 8, minute: 45 }, location: PLIST, active: true })
    expect(info.command).toBe(`'${EXEC}' check --quiet --log-file '${LOG}'`)
  })

  it('install over a loaded agent boots the old one out first', async () => {
    const files = memoryFiles({ [PLIST]: launchAgentPlist(plan('week')) })
    const stub = commandStub()
      .on('/bin/launchctl print gui/501/vn.ward-hygiene.check', {})
      .on('/bin/launchctl bootout gui/501/vn.ward-hygiene.check', {})
      .on(`/bin/launchctl bootstrap gui/501 ${PLIST}`, {})
    const { replaced } = await installSchedule(deps(stub.run, files), plan('day').request, { execPath: EXEC, script: null })
    stub.assertAllUsed()
    expect(stub.calls.map((call) => call.split(' ')[1])).toEqual(['print', 'bootout', 'bootstrap'])
    expect(replaced).toBe(true)
  })

  it('status: reads the plist; loaded or not comes from launchctl\'s exit code', async () => {
    const files = memoryFiles({ [PLIST]: launchAgentPlist(plan('week', true)) })
    const loaded = commandStub().on('/bin/launchctl print gui/501/vn.ward-hygiene.check', { stdout: 'gui/501/vn.ward-hygiene.check = {\n...' })
    expect(await scheduleStatus(deps(loaded.run, files))).toMatchObject({ every: 'week', upload: true, active: true, nextRun: new Date(2026, 10, 30, 8, 45) })
    const unloaded = commandStub().on('/bin/launchctl print gui/501/vn.ward-hygiene.check', { exitCode: 113 })
    expect(await scheduleStatus(deps(unloaded.run, files))).toMatchObject({ active: false, nextRun: null })
    expect(await scheduleStatus(deps(commandStub().run))).toBeNull()
  })

  it('remove: boots the agent out and deletes the plist; nothing when there is none', async () => {
    const files = memoryFiles({ [PLIST]: launchAgentPlist(plan('day')) })
    const stub = commandStub()
      .on('/bin/launchctl print gui/501/vn.ward-hygiene.check', {})
      .on('/bin/launchctl bootout gui/501/vn.ward-hygiene.check', {})
    expect(await removeSchedule(deps(stub.run, files))).toEqual([{ mechanism: 'launchd', location: PLIST }])
    stub.assertAllUsed()
    expect(files.files.size).toBe(0)
    const none = commandStub().on('/bin/launchctl print gui/501/vn.ward-hygiene.check', { exitCode: 113 })
    expect(await removeSchedule(deps(none.run))).toEqual([])
  })
})
