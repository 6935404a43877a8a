/** Advisories on the PC: fetched with a short time limit, saved with their date, shown offline, dropped once expired. */
import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { advisoriesFile, currentAdvisories, type AdvisorySource } from '../../src/channel/advisories.js'
import { advisoryText, newestAdvisory, plainText } from '../../src/channel/advisory-view.js'
import { fixedClock } from '../../src/core/clock.js'
import { httpTransport } from '../../src/upload/transport.js'
import { advisory, channelServer, TOKEN } from '../helpers/channel-server.js'
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

const clock = fixedClock('2026-11-29T09:00:00Z')

function source(url: string, token = TOKEN): AdvisorySource {
  return { server: new URL(url), token, transport: httpTransport }
}

describe('currentAdvisories', () => {
  it('fetches with the device token, saves the answer with its time, and shows it offline marked as saved', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer([advisory()])
    const fresh = await currentAdvisories(host, clock, source(collector.url))
    expect(fresh).toEqual({ shown: { advisories: [advisory()], fetchedAt: '2026-11-29T09:00:00.000Z', cached: false }, problem: null })
    expect(collector.requests).toEqual(['GET /api/v1/advisories'])
    expect(JSON.parse(await readFile(advisoriesFile(host), 'utf8'))).toMatchObject({ fetchedAt: '2026-11-29T09:00:00.000Z' })

    collector.mode = 'busy'
    const later = fixedClock('2026-12-02T08:00:00Z')
    const offline = await currentAdvisories(host, later, source(collector.url))
    expect(offline.shown).toEqual({ advisories: [advisory()], fetchedAt: '2026-11-29T09:00:00.000Z', cached: true })
    expect(offline.problem).toBe('HTTP 503')
  })

  it('drops a saved advisory once its expiry has passed by this PC\'s clock', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer([advisory({ id: 1, expiresAt: '2026-12-01T00:00:00.000Z' }), advisory({ id: 2, expiresAt: null })])
    await currentAdvisories(host, clock, source(collector.url))
    const afterExpiry = await currentAdvisories(host, fixedClock('2026-12-01T00:00:01Z'), null)
    expect(afterExpiry.shown?.advisories.map((one) => one.id)).toEqual([2])
    expect(afterExpiry.shown?.cached).toBe(true)
  })

  it('gives up after the time limit and falls back to the saved copy', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer([advisory()])
    await currentAdvisories(host, clock, source(collector.url))
    collector.mode = 'silent'
    const started = Date.now()
    const lookup = await currentAdvisories(host, clock, source(collector.url), 300)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(lookup.shown?.cached).toBe(true)
    expect(lookup.problem).toBeTruthy()
  })

  it('keeps the last good copy when the answer is not valid, and says nothing was received without one', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer([{ ...advisory(), severity: 'panic' } as never])
    const lookup = await currentAdvisories(host, clock, source(collector.url))
    expect(lookup.shown).toBeNull()
    expect(lookup.problem).toMatch(/not a list of advisories.*severity/s)
    const revoked = await currentAdvisories(host, clock, source(collector.url, 'wrong-token'))
    expect(revoked).toEqual({ shown: null, problem: 'HTTP 401' })
  })

  it('ignores a saved copy that is damaged', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer([advisory()])
    await currentAdvisories(host, clock, source(collector.url))
    await writeFile(advisoriesFile(host), '{"fetchedAt":')
    expect((await currentAdvisories(host, clock, null)).shown).toBeNull()
  })
})

describe('advisory text', () => {
  it('shows English when asked for and written, else the Vietnamese text', () => {
    expect(advisoryText(advisory(), 'en').title).toBe('Calls impersonating the police')
    const viOnly = advisory({ title: { vi: 'Chỉ có tiếng Việt', en: null }, body: { vi: 'Nội dung', en: null } })
    expect(advisoryText(viOnly, 'en')).toEqual({ title: 'Chỉ có tiếng Việt', body: 'Nội dung' })
    // Half a translation would read as two messages: both fall back together.
    expect(advisoryText(advisory({ body: { vi: 'Nội dung', en: null } }), 'en').title).toBe('Cảnh báo giả danh công an gọi điện')
  })

  it('removes terminal escapes and direction overrides, keeps line breaks', () => {
    expect(plainText('Gọi \u001b[2J\u001b]8;;https://evil.example\u0007ngay\r\nhdf.\u202eexe')).toBe('Gọi [2J]8;;https://evil.examplengay\nhdf.exe')
  })

  it('finds the newest by start date', () => {
    const older = advisory({ id: 1, startsAt: '2026-11-01T00:00:00Z' })
    const newer = advisory({ id: 2, startsAt: '2026-11-25T00:00:00Z' })
    expect(newestAdvisory([older, newer])?.id).toBe(2)
    expect(newestAdvisory([])).toBeUndefined()
  })
})
