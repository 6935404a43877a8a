/** Property-based fuzzing of the facts snapshot reader (readSnapshot): no crash, no hang, a clear error, valid snapshots read back. */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readSnapshot } from '../../src/probes/read-snapshot.js'
import type { FactsSnapshot } from '../../src/probes/snapshot.js'
import { healthyFacts, snapshotOf } from '../helpers/facts.js'
import {
  expectClearError,
  fuzzParams,
  fuzzTimeout,
  hostileBytes,
  hostileJson,
  hostileString,
  mutationsOf,
  prototypeKeys,
  textMutationsOf,
  type Json,
} from '../helpers/fuzz.js'
import { tempTree } from '../helpers/temp-tree.js'

const base = snapshotOf(healthyFacts())
const baseJson = JSON.parse(JSON.stringify(base)) as Json

/** Valid snapshots: the healthy facts with another device, time and agent, some probes failed or unsupported. */
const validSnapshot: fc.Arbitrary<FactsSnapshot> = fc
  .record({
    id: fc.stringMatching(/^[0-9a-f]{32}$/),
    hostname: fc.string({ unit: 'grapheme', maxLength: 40 }),
    collectedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
    version: fc.string({ maxLength: 20 }),
    failed: fc.subarray(Object.keys(base.probes)),
    reason: fc.string({ unit: 'grapheme', maxLength: 60 }),
  })
  .map(({ id, hostname, collectedAt, version, failed, reason }) => {
    const probes = { ...base.probes }
    for (const [index, probe] of failed.entries()) {
      probes[probe] = index % 2 === 0 ? { status: 'error', durationMs: index, reason } : { status: 'unsupported', reason }
    }
    return { ...base, collectedAt, agent: { version }, device: { ...base.device, id, hostname }, probes }
  })

describe('fuzz: facts snapshot reader', () => {
  it('reads every valid generated snapshot back as written', async () => {
    const file = path.join(await tempTree(), 'pc.facts.json')
    await fc.assert(
      fc.asyncProperty(validSnapshot, async (snapshot) => {
        await writeFile(file, JSON.stringify(snapshot))
        expect(await readSnapshot(file)).toEqual(snapshot)
      }),
      fuzzParams(),
    )
  }, fuzzTimeout())

  it('refuses mutated snapshots, any JSON, damaged text and random bytes with a HygieneError naming the file', async () => {
    const file = path.join(await tempTree(), 'pc.facts.json')
    const text = JSON.stringify(baseJson)
    const content = fc.oneof(
      { weight: 4, arbitrary: mutationsOf(baseJson).map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: textMutationsOf(text) },
      { weight: 1, arbitrary: hostileBytes },
      { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
      { weight: 1, arbitrary: hostileString.map((probe) => text.replace('"os":', `${JSON.stringify(probe)}:`)) },
    )
    await fc.assert(
      fc.asyncProperty(content, async (input) => {
        await writeFile(file, input)
        const before = prototypeKeys()
        try {
          await readSnapshot(file)
        } catch (error) {
          expectClearError(error, file)
        }
        expect(prototypeKeys()).toEqual(before)
      }),
      fuzzParams(2),
    )
  }, fuzzTimeout(2))
})
