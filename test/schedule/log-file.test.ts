// The log file of scheduled runs: appended, kept small.
import { readFile, stat, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock.js'
import { LOG_MAX_BYTES, logFileFromArgs, openLogFile } from '../../src/schedule/log-file.js'
import { tempTree } from '../helpers/temp-tree.js'

const clock = fixedClock('2026-11-30T02:00:00Z')
const terminal = () => {
  const written: string[] = []
  return { written, io: { stdout: { write: (text: string) => written.push(text) }, stderr: { write: (text: string) => written.push(text) }, env: {} } }
}

describe('logFileFromArgs', () => {
  it.each([
    [['check', '--quiet', '--log-file', '/x/check.log'], '/x/check.log'],
    [['check', '--log-file=/y.log'], '/y.log'],
    [['check', '--quiet'], null],
  ])('%j → %s', (args, file) => {
    expect(logFileFromArgs(args)).toBe(file)
  })
})

describe('openLogFile', () => {
  it('appends each run with its start time and exit code, creating the folder', async () => {
    const file = `${await tempTree()}/schedule/check.log`
    for (const code of [0, 4]) {
      const log = openLogFile(file, clock, terminal().io)
      log.io.stdout.write('Score: 90/100\n')
      log.io.stderr.write('1 report(s) sent.\n')
      log.close(code)
    }
    const run = '--- 2026-11-30T02:00:00.000Z\nScore: 90/100\n1 report(s) sent.\n'
    expect(await readFile(file, 'utf8')).toBe(`${run}--- exit code 0\n${run}--- exit code 4\n`)
  })

  it('starts again past its size limit, keeping the previous log as .1', async () => {
    const file = `${await tempTree()}/check.log`
    await writeFile(file, 'x'.repeat(LOG_MAX_BYTES + 1))
    openLogFile(file, clock, terminal().io).close(0)
    expect((await stat(`${file}.1`)).size).toBe(LOG_MAX_BYTES + 1)
    expect(await readFile(file, 'utf8')).toBe('--- 2026-11-30T02:00:00.000Z\n--- exit code 0\n')
  })

  it('keeps the terminal when the file cannot be written, and says why', async () => {
    const blocker = `${await tempTree()}/not-a-folder`
    await writeFile(blocker, '')
    const { io, written } = terminal()
    const log = openLogFile(`${blocker}/check.log`, clock, io)
    expect(log.io).toBe(io)
    expect(written.join('')).toMatch(/^hygiene: .*not-a-folder\/check\.log: /)
  })
})
