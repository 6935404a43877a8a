/** The spinner shows only on a real, sized terminal, never in CI or when output is piped. */
import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../src/cli/io.js'
import { startProgress } from '../../src/cli/progress.js'

const io = (stderr: CliIo['stderr'], env: Record<string, string> = {}): CliIo => ({ stdout: { write: () => true }, stderr, env })
const terminal = (columns?: number) => ({ write: () => true, isTTY: true, columns })

describe('startProgress', () => {
  it('stays silent when stderr is no terminal, on a terminal without a width, in CI, or when not wanted', async () => {
    expect(await startProgress(io({ write: () => true }), 'vi', true)).toBeNull()
    expect(await startProgress(io(terminal(0)), 'vi', true)).toBeNull()
    expect(await startProgress(io(terminal()), 'vi', true)).toBeNull()
    expect(await startProgress(io(terminal(80), { CI: 'true' }), 'vi', true)).toBeNull()
    expect(await startProgress(io(terminal(80)), 'vi', false)).toBeNull()
  })

  it('runs on a sized terminal and stops', async () => {
    const progress = await startProgress(io(terminal(80)), 'en', true)
    expect(progress).not.toBeNull()
    progress!.onProgress({ probe: 'backup', phase: 'start' })
    progress!.onProgress({ probe: 'backup', phase: 'end' })
    progress!.stop()
  })
})
