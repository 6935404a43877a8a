import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fixedClock } from '../../src/core/clock.js'
import { collectFacts, type CollectOptions } from '../../src/probes/collect.js'
import { defineProbe, ProbeFailure } from '../../src/probes/probe.js'
import { noCommands } from '../helpers/command-stub.js'
import { osFacts } from '../helpers/facts.js'
import { testHost } from '../helpers/probe-context.js'
import { osProbe } from '../../src/probes/os/index.js'

const Schema = z.object({ value: z.number() })
const options = (platform: 'linux' | 'windows' = 'linux'): CollectOptions => ({
  context: {
    host: testHost({ platform, hostname: 'pc-van-thu' }),
    run: noCommands,
    clock: fixedClock('2026-11-29T01:00:00Z'),
    settings: { backupPaths: [], downloadsExtraPaths: [], downloadsMaxDepth: 8, downloadsMaxEntries: 1000 },
    cacheDir: null,
  },
  agentVersion: '9.9.9',
})

describe('collectFacts', () => {
  it('keeps each probe outcome apart: ok, failure, timeout, bad facts, unsupported', async () => {
    const probes = [
      defineProbe({ id: 'good', schema: Schema, timeoutMs: 1000, collect: { linux: async () => ({ value: 1 }) } }),
      defineProbe({ id: 'broken', schema: Schema, timeoutMs: 1000, collect: { linux: async () => { throw new ProbeFailure('/etc/x cannot be read') } } }),
      defineProbe({ id: 'slow', schema: Schema, timeoutMs: 50, collect: { linux: () => new Promise<{ value: number }>(() => {}) } }),
      defineProbe({ id: 'sloppy', schema: Schema, timeoutMs: 1000, collect: { linux: async () => ({ value: 'many' }) as unknown as { value: number } } }),
      defineProbe({ id: 'winonly', schema: Schema, timeoutMs: 1000, collect: { windows: async () => ({ value: 2 }) } }),
    ]
    const events: string[] = []
    const snapshot = await collectFacts(probes, { ...options(), onProgress: (e) => events.push(`${e.probe}:${e.phase}`) })
    expect(snapshot.probes.good).toMatchObject({ status: 'ok', facts: { value: 1 } })
    expect(snapshot.probes.broken).toMatchObject({ status: 'error', reason: '/etc/x cannot be read' })
    expect(snapshot.probes.slow).toMatchObject({ status: 'error', reason: 'timed out after 0.05 s' })
    expect(snapshot.probes.sloppy).toMatchObject({ status: 'error', reason: expect.stringContaining('do not fit its schema (value:') })
    expect(snapshot.probes.winonly).toEqual({ status: 'unsupported', reason: 'no winonly probe for linux yet' })
    expect(events).toContain('slow:end')
    expect(snapshot).toMatchObject({ kind: 'ward-hygiene/facts', collectedAt: '2026-11-29T01:00:00.000Z', agent: { version: '9.9.9' } })
  })

  it('aborts the signal of a probe that runs out of time', async () => {
    let aborted = false
    const probe = defineProbe({
      id: 'walker',
      schema: Schema,
      timeoutMs: 30,
      collect: { linux: (ctx) => new Promise<{ value: number }>(() => ctx.signal.addEventListener('abort', () => (aborted = true))) },
    })
    await collectFacts([probe], options())
    expect(aborted).toBe(true)
  })

  it('names the device from the os facts, or from a hash of the hostname without them', async () => {
    const fromOs = defineProbe({ ...osProbe, collect: { linux: async () => osFacts() } })
    const named = await collectFacts([fromOs], options())
    expect(named.device).toEqual({
      id: '0123456789abcdef0123456789abcdef',
      hostname: 'pc-van-thu',
      os: { platform: 'linux', name: 'Debian GNU/Linux 13 (trixie)', version: '13', build: null },
    })
    const anonymous = await collectFacts([], options('windows'))
    expect(anonymous.device.id).toMatch(/^[0-9a-f]{32}$/)
    expect(anonymous.device.os).toEqual({ platform: 'windows', name: 'windows', version: null, build: null })
  })
})
