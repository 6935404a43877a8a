/** A scheduled check (`--log-file`) lowers its own CPU priority, and the commands it starts inherit it. */
import { readFileSync } from 'node:fs'
import { chmod, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AgentDeps } from '../../src/agent/session.js'
import { fixedClock } from '../../src/core/clock.js'
import { main } from '../../src/cli/main.js'
import { hygiene } from '../helpers/cli.js'
import { noCommands } from '../helpers/command-stub.js'
import { healthyFacts, snapshotOf } from '../helpers/facts.js'
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

async function checkInProcess(extra: string[]): Promise<{ exitCode: number; lowered: number }> {
  const home = await tempTree()
  await writeFile(path.join(home, 'facts.json'), JSON.stringify(snapshotOf(healthyFacts())))
  let lowered = 0
  const deps: AgentDeps = {
    host: testHost({ homeDir: home }),
    run: noCommands,
    clock: fixedClock('2026-11-29T09:00:00Z'),
    lowerPriority: () => {
      lowered++
    },
  }
  const sink = { write: () => true }
  const exitCode = await main(['check', '--facts', path.join(home, 'facts.json'), '--lang', 'en', ...extra], { stdout: sink, stderr: sink, env: {} }, deps)
  return { exitCode, lowered }
}

describe('CPU priority of a scheduled check', () => {
  it('lowers it when run with --log-file, as the schedule runs it', async () => {
    const home = await tempTree()
    expect(await checkInProcess(['--log-file', path.join(home, 'check.log')])).toEqual({ exitCode: 0, lowered: 1 })
  })

  it('leaves it alone when a person runs the check', async () => {
    expect(await checkInProcess([])).toEqual({ exitCode: 0, lowered: 0 })
  })

  // /proc/PID/stat field 19 is the nice value (proc(5)); Linux only.
  it.runIf(process.platform === 'linux')('runs the probes\' commands at nice 19 (the built CLI, a real check)', async () => {
    const bin = await tempTree()
    const seen = path.join(bin, 'nice.txt')
    // A stand-in for lsblk that records its own nice value, then fails: the encryption check errors, nothing else changes.
    await writeFile(path.join(bin, 'lsblk'), `#!/bin/sh\ncut -d' ' -f19 /proc/$$/stat > '${seen}'\nexit 1\n`)
    await chmod(path.join(bin, 'lsblk'), 0o755)
    await chmod(bin, 0o777)
    const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` }
    const home = await tempTree()
    const scheduled = await hygiene(['check', '--only', 'data.disk-encrypted', '--log-file', path.join(home, 'check.log')], { home, env })
    expect(scheduled.exitCode).toBe(0)
    expect(readFileSync(seen, 'utf8').trim()).toBe(String(os.constants.priority.PRIORITY_LOW))
    const byHand = await hygiene(['check', '--only', 'data.disk-encrypted'], { home, env })
    expect(byHand.exitCode).toBe(0)
    expect(readFileSync(seen, 'utf8').trim()).toBe(String(os.getPriority()))
  }, 120_000)
})
