/** A full `hygiene check` (the built CLI, real probes) with a tool that hangs, prints garbage or floods: that check reports error with the reason, the run finishes. */
import { describe, expect, it } from 'vitest'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { tempTree } from '../helpers/temp-tree.js'
import { fakeBin } from './fake-commands.js'

interface Result {
  id: string
  status: string
  message: string
}

async function checkWith(kind: 'hang' | 'garbage' | 'flood', args: string[] = []) {
  const fake = await fakeBin('lsblk', kind)
  const home = await tempTree()
  const run = await hygiene(['check', '--format', 'json', '--lang', 'en', ...args], { home, env: { PATH: fake.path } })
  expect(run.stderr).not.toMatch(STACK_LINE)
  expect(run.stderr).not.toContain('Internal error')
  expect(run.exitCode).toBe(0)
  const results = (JSON.parse(run.stdout) as { results: Result[] }).results
  return { results, encryption: results.find((result) => result.id === 'data.disk-encrypted')! }
}

describe('a probe command that misbehaves, in a full check', () => {
  it('hangs: it is killed at its limit, the check finishes and says why that one could not be checked', async () => {
    const { results, encryption } = await checkWith('hang')
    expect(encryption).toMatchObject({ status: 'error', message: 'Could not be checked: gathering "encryption" facts failed (lsblk: timed out).' })
    // The other checks were carried out as usual (as `nobody` some cannot read what they need, for their own reasons).
    const others = results.filter((result) => result.id !== 'data.disk-encrypted')
    expect(others.filter((result) => result.status === 'pass' || result.status === 'fail' || result.status === 'warn').length).toBeGreaterThan(5)
    expect(others.map((result) => result.message).join('\n')).not.toContain('lsblk')
  }, 120_000)

  it('prints garbage: error with the reason, no crash', async () => {
    const { encryption } = await checkWith('garbage', ['--only', 'data.disk-encrypted'])
    expect(encryption).toMatchObject({ status: 'error', message: expect.stringContaining('(lsblk: output is not the expected JSON)') })
  }, 120_000)

  it('writes without end: its output is capped at 16 MiB, it is stopped and reported', async () => {
    const { encryption } = await checkWith('flood', ['--only', 'data.disk-encrypted'])
    expect(encryption).toMatchObject({ status: 'error', message: expect.stringContaining('(lsblk: output too large, stopped)') })
  }, 120_000)
})
