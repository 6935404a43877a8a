/** Property-based fuzzing of the report contract (ReportSchema through readReportFile): no crash, no hang, a clear error, valid reports read back. */
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readReportFile } from '../../src/report/read-report.js'
import { ReportSchema, type Report } from '../../src/report/schema.js'
import {
  expectClearError,
  fuzzParams,
  fuzzTimeout,
  hostileBytes,
  hostileJson,
  mutationsOf,
  prototypeKeys,
  textMutationsOf,
  type Json,
} from '../helpers/fuzz.js'
import { makeReport } from '../helpers/reports.js'
import { tempTree } from '../helpers/temp-tree.js'

const base = await makeReport()
const baseJson = JSON.parse(JSON.stringify(base)) as Json

const text = fc.string({ unit: 'grapheme', maxLength: 60 })

/** Valid reports: the base report with other ids, texts, evidence and a subset of its results. */
const validReport: fc.Arbitrary<Report> = fc
  .record({
    reportId: fc.uuid({ version: 4 }),
    generatedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
    hostname: text,
    user: fc.option(fc.string({ maxLength: 256 }), { nil: undefined }),
    unit: fc.option(fc.record({ code: fc.string({ minLength: 1, maxLength: 32 }), name: fc.option(fc.string({ maxLength: 200 })) }), { nil: undefined }),
    results: fc.subarray(base.results),
    message: text,
    // zod drops a `__proto__` key of a record rather than keep it: safe, but not a round trip.
    evidence: fc.dictionary(fc.string({ maxLength: 10 }).filter((key) => key !== '__proto__'), fc.jsonValue({ maxDepth: 3 })),
  })
  .map(({ reportId, generatedAt, hostname, user, unit, results, message, evidence }) => {
    const report: Report = {
      ...base,
      reportId,
      generatedAt,
      device: { ...base.device, hostname },
      results: results.map((result, index) => (index === 0 ? { ...result, message, evidence } : result)),
    }
    if (user !== undefined) report.user = user
    if (unit !== undefined) report.unit = unit
    return report
  })

describe('fuzz: report validator', () => {
  it('reads every valid generated report back as written', async () => {
    const file = path.join(await tempTree(), 'report.json')
    await fc.assert(
      fc.asyncProperty(validReport, async (report) => {
        const written = JSON.stringify(report)
        await writeFile(file, written)
        // Compared with the parsed text: evidence may hold -0, which JSON writes as 0.
        expect(await readReportFile(file)).toEqual(JSON.parse(written))
      }),
      fuzzParams(),
    )
  }, fuzzTimeout())

  it('refuses mutated reports, any JSON, damaged text and random bytes with a HygieneError naming the file', async () => {
    const file = path.join(await tempTree(), 'report.json')
    const content = fc.oneof(
      { weight: 4, arbitrary: mutationsOf(baseJson).map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: textMutationsOf(JSON.stringify(baseJson)) },
      { weight: 1, arbitrary: hostileBytes },
      { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) },
    )
    await fc.assert(
      fc.asyncProperty(content, async (input) => {
        await writeFile(file, input)
        const before = prototypeKeys()
        try {
          await readReportFile(file)
        } catch (error) {
          expectClearError(error, file)
        }
        expect(prototypeKeys()).toEqual(before)
      }),
      fuzzParams(2),
    )
  }, fuzzTimeout(2))

  it('keeps a result id given twice out of a report', () => {
    const twice = { ...base, reportId: randomUUID(), results: [base.results[0]!, base.results[0]!] }
    expect(ReportSchema.safeParse(twice).success).toBe(false)
  })
})
