import { writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/agent/check.js'
import { openSession, type AgentDeps } from '../../src/agent/session.js'
import { fixedClock } from '../../src/core/clock.js'
import { noCommands } from '../helpers/command-stub.js'
import { healthyFacts, snapshotOf } from '../helpers/facts.js'
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

async function checkAt(now: string, lang: 'vi' | 'en' = 'en') {
  const home = await tempTree()
  await writeFile(`${home}/facts.json`, JSON.stringify(snapshotOf(healthyFacts())))
  const deps: AgentDeps = { host: testHost({ homeDir: home }), run: noCommands, clock: fixedClock(now) }
  const session = await openSession({ lang }, deps)
  return runCheck(session, deps, { factsFile: `${home}/facts.json` })
}

describe('runCheck', () => {
  it('warns when the clock is set before a day known to have passed', async () => {
    const report = await checkAt('2024-03-01T08:00:00Z', 'vi')
    expect(report.notices).toEqual([{ code: 'clock-behind', message: expect.stringContaining('Đồng hồ máy tính đang chỉ ngày 2024-03-01') }])
  })

  it('has no notice with a plausible clock', async () => {
    expect((await checkAt('2026-12-01T08:00:00Z')).notices).toEqual([])
  })

  it('evaluates a snapshot without running any command', async () => {
    const report = await checkAt('2026-12-01T08:00:00Z')
    expect(report.generatedAt).toBe('2026-12-01T08:00:00.000Z')
    expect(report.score.value).toBe(100)
  })
})
