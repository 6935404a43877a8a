/** The ingest thread's reading of a report's bytes: JSON, prototype keys, the contract, text that is not UTF-8, a clock ahead. */
import { describe, expect, it } from 'vitest'
import { CLOCK_AHEAD_TOLERANCE_MS, decodeReport, type DecodedReport } from '../../src/collector/ingest/decode.js'
import { builtinWeights, makeReport } from '../helpers/reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')
const rules = await builtinWeights()
const decode = (text: string | Buffer) => decodeReport(typeof text === 'string' ? Buffer.from(text) : text, rules, NOW)

describe('decodeReport', () => {
  it('reads a report, scores it again with the collector\'s rules, and keeps the bytes received as its body', async () => {
    const report = await makeReport()
    const text = JSON.stringify({ ...report, score: { ...report.score, value: 3 } })
    const decoded = decode(text) as DecodedReport
    expect(decoded.report.reportId).toBe(report.reportId)
    expect(decoded.rescored).toMatchObject({ score: report.score.value, mismatch: true })
    expect(decoded.text).toBe(text)
    expect(Buffer.from(decoded.utf8!).toString()).toBe(text)
  })

  it('refuses text that is not JSON, saying why', () => {
    expect(decode('{"reportId":')).toEqual({ error: 'bad_request', message: expect.stringMatching(/JSON/) })
    expect(decode('')).toMatchObject({ error: 'bad_request' })
  })

  it('names the fields a report breaks the contract with', async () => {
    const report = await makeReport()
    expect(decode(JSON.stringify({ ...report, reportId: 'x', lang: 'fr' }))).toEqual({ error: 'invalid_report', message: expect.stringMatching(/reportId: .*; lang: /) })
    expect(decode('[]')).toMatchObject({ error: 'invalid_report', message: expect.stringContaining('(body)') })
  })

  it('refuses a "__proto__" key anywhere, spelled plainly or escaped, and a "constructor" holding a "prototype"', async () => {
    const report = await makeReport()
    const [first, ...rest] = report.results
    const withEvidence = (evidence: string) => JSON.stringify({ ...report, results: [{ ...first, evidence: '@' }, ...rest] }).replace('"@"', evidence)
    for (const evidence of ['{"__proto__":{"admin":true}}', '{"\\u005f_proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
      expect(decode(withEvidence(evidence))).toEqual({ error: 'bad_request', message: 'Object contains forbidden prototype property' })
    }
    // A key named so that holds no prototype is only data.
    expect(decode(withEvidence('{"constructor":"Dell","note":"\\u0041"}'))).toHaveProperty('report')
  })

  it('stores text that is not UTF-8 as it was read, with the bad bytes replaced', async () => {
    const bytes = Buffer.from(JSON.stringify({ ...(await makeReport()), unit: { code: 'UBND', name: 'Ủy ban @' } }))
    bytes[bytes.indexOf('@')] = 0xff
    const decoded = decode(bytes) as DecodedReport
    expect(decoded.utf8).toBeUndefined()
    expect(decoded.text).toContain('Ủy ban \ufffd')
  })

  it('dates a report from a clock far ahead when it arrived, and keeps one a little ahead as it is', async () => {
    const at = (offset: number) => new Date(NOW.getTime() + offset).toISOString()
    const ahead = decode(JSON.stringify(await makeReport({ generatedAt: at(CLOCK_AHEAD_TOLERANCE_MS + 60_000) }))) as DecodedReport
    expect(ahead.report.generatedAt).toBe(NOW.toISOString())
    const slightly = decode(JSON.stringify(await makeReport({ generatedAt: at(60_000) }))) as DecodedReport
    expect(slightly.report.generatedAt).toBe(at(60_000))
  })
})
