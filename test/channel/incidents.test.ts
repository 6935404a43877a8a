/** Incident reports: answers from flags or questions, validation, sending, the spool, and the file to hand over. */
import { readdir, readFile } from 'node:fs/promises'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildIncident, fileIncident, handoverDir, incidentAdvice, incidentSpool, type IncidentAnswers } from '../../src/channel/incidents.js'
import { IncidentSchema, incidentReference } from '../../src/channel/schema.js'
import { answersFromFlags, askIncident, parseWhen } from '../../src/cli/incident-answers.js'
import { questioner } from '../../src/cli/prompt.js'
import { fixedClock } from '../../src/core/clock.js'
import { HygieneError } from '../../src/core/errors.js'
import { deliver, type DeliveryTarget } from '../../src/upload/deliver.js'
import { addToSpool, countInSpool, SPOOL_LIMIT } from '../../src/upload/spool.js'
import { httpTransport } from '../../src/upload/transport.js'
import { channelServer, TOKEN } from '../helpers/channel-server.js'
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

const clock = fixedClock('2026-11-29T09:00:00Z')
const now = clock.now()
const context = { clock, lang: 'vi' as const, agentVersion: '0.1.0' }
const answers = (overrides: Partial<IncidentAnswers> = {}): IncidentAnswers => ({
  kind: 'scam-call',
  description: 'Người gọi xưng là công an, đòi chuyển tiền',
  occurredAt: null,
  moneyGiven: false,
  phone: null,
  ...overrides,
})

function target(url: string): DeliveryTarget {
  return { server: new URL(url), token: TOKEN, deviceId: 'd', redact: true, transport: httpTransport, sleep: async () => {}, random: () => 0, attempts: 1, timeoutMs: 2_000 }
}

describe('parseWhen', () => {
  const local = (...parts: [number, number, number, number?, number?]) => new Date(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0).toISOString()
  it.each([
    ['', null],
    ['29/11/2026', local(2026, 11, 29)],
    ['28/11/2026 14:30', local(2026, 11, 28, 14, 30)],
    ['2026-11-28', local(2026, 11, 28)],
    ['2026-11-28T14:30', local(2026, 11, 28, 14, 30)],
    ['2026-11-28T14:30:00+07:00', '2026-11-28T07:30:00.000Z'],
    ['Hôm qua', local(now.getFullYear(), now.getMonth() + 1, now.getDate() - 1)],
    ['today', local(now.getFullYear(), now.getMonth() + 1, now.getDate())],
  ])('reads %j', (text, at) => {
    expect(parseWhen(text, now)).toEqual({ ok: true, at })
  })

  it.each(['31/02/2026', '2026-12-25', 'last week', '29/11/26', '2026-11-28T25:00'])('refuses %j', (text) => {
    expect(parseWhen(text, now)).toEqual({ ok: false })
  })
})

describe('incident answers from flags', () => {
  it('needs a kind and a description, and a --when that is a date', () => {
    expect(() => answersFromFlags({ kind: 'malware' }, now)).toThrow(expect.objectContaining({ key: 'usage.incidentNeeds' }))
    expect(() => answersFromFlags({ kind: 'malware', description: 'x', when: 'soon' }, now)).toThrow(expect.objectContaining({ key: 'usage.incidentWhen' }))
    expect(answersFromFlags({ kind: 'malware', description: 'x', moneyGiven: true, phone: '0912 345 678' }, now)).toEqual({
      kind: 'malware',
      description: 'x',
      occurredAt: null,
      moneyGiven: true,
      phone: '0912 345 678',
    })
  })

  it.each([
    [{ kind: 'robbery' }, 'kind'],
    [{ description: '   ' }, 'description'],
    [{ description: 'x'.repeat(4_001) }, 'description'],
    [{ phone: 'call me' }, 'phone'],
  ])('refuses %j, naming the field', (overrides, field) => {
    try {
      buildIncident(answers(overrides), context)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(z.ZodError)
      expect((error as z.ZodError).issues[0]?.path).toEqual([field])
    }
  })

  it('fills in the id, the time, the language and the version', () => {
    const incident = buildIncident(answers(), context)
    expect(IncidentSchema.parse(incident)).toEqual(incident)
    expect(incident).toMatchObject({ reportedAt: '2026-11-29T09:00:00.000Z', lang: 'vi', agent: { version: '0.1.0' } })
    expect(incidentReference(incident.incidentId)).toMatch(/^SC-[0-9A-F]{8}$/)
  })
})

describe('askIncident', () => {
  const ask = async (lines: string[], lang: 'vi' | 'en' = 'vi') => {
    const output = new PassThrough()
    let said = ''
    output.on('data', (chunk) => (said += String(chunk)))
    const questions = questioner(Readable.from(lines.map((line) => `${line}\n`)), output)
    try {
      return { answers: await askIncident(questions, lang, now), said: () => said }
    } finally {
      questions.close()
    }
  }

  it('asks the questions in order and asks again after an answer it cannot use', async () => {
    const { answers: given, said } = await ask(['7', '1', 'ngày mai', '28/11/2026 14:30', 'Gọi giả danh cơ quan thuế', 'có lẽ', 'c', '0912.345.678'])
    expect(given).toEqual({
      kind: 'scam-call',
      occurredAt: new Date(2026, 10, 28, 14, 30).toISOString(),
      description: 'Gọi giả danh cơ quan thuế',
      moneyGiven: true,
      phone: '0912.345.678',
    })
    expect(said()).toContain('1. Cuộc gọi hoặc tin nhắn giả danh công an, cơ quan thuế hoặc cơ quan nhà nước khác')
    expect(said()).toContain('Hãy gõ một số từ 1 đến 6.')
    expect(said()).toContain('Hãy trả lời c (có) hoặc k (không).')
  })

  it('takes Enter for the optional answers, in English', async () => {
    const { answers: given, said } = await ask(['data-leak', '', 'Lost the USB stick with the payroll', 'n', ''], 'en')
    expect(given).toEqual({ kind: 'data-leak', occurredAt: null, description: 'Lost the USB stick with the payroll', moneyGiven: false, phone: null })
    expect(said()).toContain('Did you transfer money or give an OTP code? (y/n): ')
  })

  it('stops with a usage error when the input ends before the answers', async () => {
    await expect(ask(['2'])).rejects.toEqual(expect.objectContaining({ key: 'usage.incidentNoAnswers' }))
    await expect(ask(['2'])).rejects.toBeInstanceOf(HygieneError)
  })
})

describe('fileIncident', () => {
  it('sends the incident with the device token', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer()
    const incident = buildIncident(answers(), context)
    expect(await fileIncident(host, target(collector.url), incident)).toEqual({ kind: 'sent' })
    expect(collector.incidents).toEqual([incident])
  })

  it('keeps it in the spool when offline, and the next upload delivers it exactly once', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer()
    collector.mode = 'busy'
    const incident = buildIncident(answers(), context)
    expect(await fileIncident(host, target(collector.url), incident)).toEqual({ kind: 'spooled', problem: 'HTTP 503' })
    expect(await countInSpool(host, incidentSpool)).toBe(1)

    collector.mode = 'ok'
    const delivery = await deliver(host, clock, target(collector.url), null)
    expect(delivery.incidents).toEqual({ delivered: [incidentReference(incident.incidentId)], waiting: 0, handedOver: [] })
    const again = await deliver(host, clock, target(collector.url), null)
    expect(again.incidents.delivered).toEqual([])
    expect(collector.incidents).toEqual([incident])
    expect(collector.requests.filter((request) => request === 'POST /api/v1/incidents')).toHaveLength(2)
  })

  it('saves a file to hand over when the PC is not enrolled', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const incident = buildIncident(answers({ moneyGiven: true }), context)
    const outcome = await fileIncident(host, null, incident)
    expect(outcome).toEqual({ kind: 'notEnrolled', file: expect.stringContaining(handoverDir(host)) })
    const file = (outcome as { file: string }).file
    expect(file).toContain(incidentReference(incident.incidentId))
    expect(IncidentSchema.parse(JSON.parse(await readFile(file, 'utf8')))).toEqual(incident)
  })

  it('saves a file to hand over, and keeps nothing in the spool, when the collector refuses it for good', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer()
    collector.mode = 'refusing'
    const incident = buildIncident(answers(), context)
    expect(await fileIncident(host, target(collector.url), incident)).toEqual({
      kind: 'refused',
      reason: 'description: too long',
      file: expect.stringContaining(incidentReference(incident.incidentId)),
    })
    expect(await readdir(handoverDir(host))).toHaveLength(1)
    expect(await countInSpool(host, incidentSpool)).toBe(0)
  })

  it('saves a file, and keeps it waiting for a new enrollment, when the PC was revoked', async () => {
    const host = testHost({ homeDir: await tempTree() })
    const collector = await channelServer()
    collector.mode = 'revoked'
    const outcome = await fileIncident(host, target(collector.url), buildIncident(answers(), context))
    expect(outcome.kind).toBe('unauthorized')
    expect(await readdir(handoverDir(host))).toHaveLength(1)
    expect(await countInSpool(host, incidentSpool)).toBe(1)
  })
})

describe('incidentAdvice', () => {
  it('puts the bank first when money or an OTP was given, and always keeps the evidence', () => {
    expect(incidentAdvice('scam-call', true)).toEqual([
      'incident.advice.bank',
      'incident.advice.hangUp',
      'incident.advice.noReply',
      'incident.advice.passwords',
      'incident.advice.evidence',
    ])
    expect(incidentAdvice('malware', false)).toEqual(['incident.advice.disconnect', 'incident.advice.evidence'])
  })
})

describe('the incident spool', () => {
  it('never drops an incident report to make room, unlike reports', async () => {
    const host = testHost({ homeDir: await tempTree() })
    for (let i = 0; i < SPOOL_LIMIT + 5; i++) {
      expect(await addToSpool(host, incidentSpool, buildIncident(answers(), context))).toEqual([])
    }
    expect(await countInSpool(host, incidentSpool)).toBe(SPOOL_LIMIT + 5)
  })
})
