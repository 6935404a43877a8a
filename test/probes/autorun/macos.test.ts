// The autorun probe on a Mac: nothing to read, macOS never runs a program from a drive by itself.
import { describe, expect, it } from 'vitest'
import { autorunProbe } from '../../../src/probes/autorun/index.js'
import { collectOnMac } from '../macos/macos-test-kit.js'

describe('autorun probe on macOS', () => {
  it('reports AutoRun and AutoPlay off, from the platform, without starting a process', async () => {
    expect(await collectOnMac(autorunProbe)).toEqual({ autorunEnabled: false, autoplayEnabled: false, source: 'macos' })
  })
})
