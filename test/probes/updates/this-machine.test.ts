// Runs the updates probe against this machine's real apt and compares it with apt-get counted the plain way.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { currentHost } from '../../../src/core/host.js'
import { createProcessRunner, type CommandRunner } from '../../../src/core/runner.js'
import { skipUnlessStrict } from '../../helpers/strict.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { collect } from './updates-test-kit.js'

const NO_APT = skipUnlessStrict(!existsSync('/usr/bin/apt-get'))
const REAL_APT_TIMEOUT_MS = 90_000

function thisHost() {
  const host = currentHost()
  if (!host) throw new Error('this platform is not supported by the agent')
  return host
}

/** `LC_ALL=C apt-get -s dist-upgrade | grep -c ^Inst` and `grep ^Inst | grep -ci security`, without a shell. */
async function countedByGrep(run: CommandRunner): Promise<{ pending: number; security: number }> {
  const result = await run('apt-get', ['-s', 'dist-upgrade'], { timeoutMs: REAL_APT_TIMEOUT_MS })
  expect(result.exitCode).toBe(0)
  const inst = result.stdout.split('\n').filter((line) => line.startsWith('Inst'))
  return { pending: inst.length, security: inst.filter((line) => /security/i.test(line)).length }
}

describe('updates probe on this machine', () => {
  it.skipIf(NO_APT)(
    'agrees with a direct apt-get -s dist-upgrade count (skipped without /usr/bin/apt-get)',
    async () => {
      const run = createProcessRunner()
      const facts = await collect({ host: thisHost(), run, cacheDir: null })
      const direct = await countedByGrep(run)
      expect(facts.packageManager).toBe('apt')
      expect(facts.pendingUpdates).toBe(direct.pending)
      expect(facts.pendingSecurityUpdates).toBe(direct.security)
    },
    REAL_APT_TIMEOUT_MS,
  )

  it.skipIf(NO_APT)(
    'answers a second run from its memo without starting apt-get, with the same facts',
    async () => {
      const realRun = createProcessRunner()
      const started: string[] = []
      const run: CommandRunner = (command, args, options) => {
        started.push(command)
        return realRun(command, args, options)
      }
      const cacheDir = await tempTree()
      const first = await collect({ host: thisHost(), run, cacheDir })
      expect(started).toEqual(['apt-get'])
      const second = await collect({ host: thisHost(), run, cacheDir })
      expect(started).toEqual(['apt-get'])
      expect(second).toEqual(first)
    },
    REAL_APT_TIMEOUT_MS,
  )
})
