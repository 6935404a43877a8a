/** The real process runner against commands that hang or never stop writing: killed at the limit, the run goes on. */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createProcessRunner, describeFailure } from '../../src/core/runner.js'
import { fakeBin } from './fake-commands.js'

const run = createProcessRunner()

describe('createProcessRunner under faults', () => {
  it('kills a command that hangs at its time limit, even when its child keeps the output pipe open', async () => {
    const fake = await fakeBin('lsblk', 'hang')
    // The sleeper lives 600 s: returning at all (within the test's timeout) proves the limit holds.
    const result = await run(path.join(fake.dir, 'lsblk'), ['-J'], { timeoutMs: 1_000 })
    expect(result).toMatchObject({ exitCode: null, timedOut: true, outputCapped: false, notFound: false })
    expect(describeFailure('lsblk', result)).toBe('lsblk: timed out')
  })

  it('stops a command that writes without end at maxOutputBytes, and keeps at most that much', async () => {
    const fake = await fakeBin('lsblk', 'flood')
    const result = await run(path.join(fake.dir, 'lsblk'), ['-J'], { timeoutMs: 30_000, maxOutputBytes: 1024 * 1024 })
    expect(result.outputCapped).toBe(true)
    expect(result.timedOut).toBe(false)
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(1024 * 1024)
    expect(describeFailure('lsblk', result)).toBe('lsblk: output too large, stopped')
  })

  it('caps output at 16 MiB when the probe gives no cap', async () => {
    const fake = await fakeBin('dpkg-query', 'flood')
    const result = await run(path.join(fake.dir, 'dpkg-query'), [], { timeoutMs: 60_000 })
    expect(result.outputCapped).toBe(true)
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(16 * 1024 * 1024)
  }, 90_000)
})
