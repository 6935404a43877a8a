/** An in-process collector (app.inject, no port) seeded for the fuzz tests, and the checks every answer must pass. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import { dashboardPlugin } from '../../src/collector/dashboard/plugin.js'
import { buildApp } from '../../src/collector/server/app.js'
import { addAdvisory } from '../../src/collector/store/advisories.js'
import { createEnrollCode, enrollDevice } from '../../src/collector/store/enrollment.js'
import { recordIncident } from '../../src/collector/store/incidents.js'
import { addUnit } from '../../src/collector/store/units.js'
import { addUser, createApiKey, createSession, type Session } from '../../src/collector/store/users.js'
import { fixedClock } from '../../src/core/clock.js'
import type { Db } from '../../src/collector/db/schema.js'
import { advisoryInput, incidentBody } from './channel.js'
import { freshDatabase, type DbKind } from './databases.js'
import { builtinWeights } from './reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')
export const UNIT = 'THCS-01'
export const ADMIN = { name: 'cong-an-phuong', password: 'mật-khẩu-quản-trị' }

/** INCIDENTS_PER_DEVICE_PER_MINUTE of channel-routes.ts: a device files no more than that before 429. */
const INCIDENTS_PER_DEVICE = 5

export interface FuzzWard {
  app: FastifyInstance
  db: Db
  /** A code with uses to spare, for enrollment requests that should succeed. */
  enrollCode: string
  /** A device token good for reports and advisories (its rate limits are lifted). */
  deviceToken: string
  /** A device token with an incident to spare: a new PC every few calls, under the fixed per-device incident limit. */
  incidentToken(): Promise<string>
  apiKey: string
  admin: Session
  advisoryId: number
  incidentReference: string
}

export async function fuzzWard(kind: DbKind): Promise<FuzzWard> {
  const { db } = await freshDatabase(kind)
  // Lifted limits: a fuzz run must reach validation, not stop at 429.
  const limits = { perDevicePerMinute: 1e9, perIpPerMinute: 1e9 }
  const app = await buildApp({ db, clock: fixedClock(NOW.toISOString()), rules: await builtinWeights(), limits, plugins: [dashboardPlugin] })
  await addUnit(db, UNIT, 'Trường THCS Mường Lay', NOW)
  const { code: enrollCode } = await createEnrollCode(db, { unit: UNIT, uses: 1_000_000, expiresAt: null }, NOW)
  let serial = 0
  const newDevice = async () => {
    serial++
    const description = { deviceKey: `pc-${serial}`, hostname: `PC-${serial}`, platform: 'windows', osName: 'Windows 11 Pro' }
    return enrollDevice(db, enrollCode, description, NOW)
  }
  const device = await newDevice()
  let incidentDevice = { token: '', left: 0 }
  const user = await addUser(db, ADMIN.name, 'admin', null, ADMIN.password, NOW)
  const advisory = await addAdvisory(db, advisoryInput(), user.name, NOW)
  const ack = await recordIncident(db, { id: device.deviceId, unitCode: UNIT, hostname: 'PC-1' }, incidentBody(), NOW)
  if (ack === 'revoked') throw new Error('the seeded device is revoked')
  return {
    app,
    db,
    enrollCode,
    deviceToken: device.token,
    async incidentToken() {
      if (incidentDevice.left === 0) incidentDevice = { token: (await newDevice()).token, left: INCIDENTS_PER_DEVICE }
      incidentDevice.left--
      return incidentDevice.token
    },
    apiKey: await createApiKey(db, user.name, NOW),
    admin: await createSession(db, user, NOW),
    advisoryId: advisory.id,
    incidentReference: ack.reference,
  }
}

/** A stack trace's lines (`at fn (file.js:1:2)`) or a `stack` field. */
const STACK_TRACE = /\bat [^\n]*\(?[^\s()]+\.(?:js|ts|mjs):\d+:\d+\)?|"stack"\s*:/

/** No 5xx and no stack trace, whatever was asked. */
export function expectNoServerError(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500)
  expect(response.body).not.toMatch(STACK_TRACE)
}

/** An API answer: below 500, and a refusal is JSON with `error` and `message`. */
export function expectApiAnswer(response: LightMyRequestResponse): void {
  expectNoServerError(response)
  if (response.statusCode < 400) return
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  const body = response.json() as Record<string, unknown>
  expect(typeof body.error, response.body).toBe('string')
  expect(typeof body.message, response.body).toBe('string')
}

/**
 * A dashboard answer: below 500, and a refusal is the dashboard's own HTML page, or the server's JSON
 * one for a path no dashboard route matches (a bad URL, an unknown page, a parameter over its length).
 */
export function expectPageAnswer(response: LightMyRequestResponse): void {
  expectNoServerError(response)
  if (response.statusCode < 400 || /^text\/html/.test(String(response.headers['content-type']))) return
  expectApiAnswer(response)
}
