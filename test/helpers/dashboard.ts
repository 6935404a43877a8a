/** A ward seeded for dashboard tests (units, users, PCs with real reports), and a login through the form. */
import { dashboardPlugin } from '../../src/collector/dashboard/plugin.js'
import { LOGIN_CSRF_COOKIE } from '../../src/collector/dashboard/http.js'
import { rescore, type Rescored } from '../../src/collector/rescore.js'
import { SESSION_COOKIE, type CollectorDeps } from '../../src/collector/server/app.js'
import { createEnrollCode, deviceByToken, enrollDevice } from '../../src/collector/store/enrollment.js'
import { ingestReport } from '../../src/collector/store/reports.js'
import { addUnit } from '../../src/collector/store/units.js'
import { addUser } from '../../src/collector/store/users.js'
import { startCollector, type RunningCollector } from './collector.js'
import type { DbKind } from './databases.js'
import { account, accountsFacts, backupFacts } from './facts.js'
import { makeReport } from './reports.js'

const NOW = new Date('2026-11-29T08:00:00Z')

export const ADMIN = { name: 'cong-an-phuong', password: 'mật-khẩu-quản-trị' }
export const VIEWER = { name: 'hieu-truong', password: 'mật-khẩu-hiệu-trưởng', unit: 'THCS-01' }

export const UNITS = {
  school: { code: 'THCS-01', name: 'Trường THCS Mường Lay' },
  village: { code: 'BAN-NA', name: 'Bản Na' },
  office: { code: 'UBND', name: 'UBND phường Sông Đà' },
  hostile: { code: 'XSS-1', name: '<script>alert(1)</script>' },
  formula: { code: 'TDP-3', name: '=1+1 Tổ dân phố 3' },
}

export interface SeededWard {
  collector: RunningCollector
  /** The school's PC that fails checks (no backup, an account without a password). */
  poorDevice: string
  healthyDevice: string
  villageDevice: string
  /** The poor PC's report as the collector scored it. */
  poorScored: Rescored
}

async function enrolledPc(collector: RunningCollector, unit: string, hostname: string) {
  const { db } = collector.deps
  const { code } = await createEnrollCode(db, { unit, uses: 1, expiresAt: null }, NOW)
  const description = { deviceKey: hostname, hostname, platform: 'windows', osName: 'Windows 11 Pro' }
  const { token } = await enrollDevice(db, code, description, NOW)
  return (await deviceByToken(db, token))!
}

/** The school: one healthy PC and one poor one; the village: one healthy PC; the others: no PC. */
export async function seedWard(kind: DbKind, options: Partial<CollectorDeps> = {}): Promise<SeededWard> {
  const collector = await startCollector(kind, { plugins: [dashboardPlugin], ...options })
  const { db, rules } = collector.deps
  for (const unit of Object.values(UNITS)) await addUnit(db, unit.code, unit.name, NOW)
  await addUser(db, ADMIN.name, 'admin', null, ADMIN.password, NOW)
  await addUser(db, VIEWER.name, 'viewer', VIEWER.unit, VIEWER.password, NOW)

  const healthy = await enrolledPc(collector, UNITS.school.code, 'PC-VANTHU')
  const poor = await enrolledPc(collector, UNITS.school.code, 'PC-KETOAN')
  const village = await enrolledPc(collector, UNITS.village.code, 'PC-TRUONGBAN')
  const poorReport = await makeReport({
    generatedAt: '2026-11-19T02:00:00.000Z',
    facts: {
      accounts: accountsFacts([account({ name: 'ketoan', hasPassword: false, emptyPassword: true })]),
      backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null }),
    },
  })
  const rescored = rescore(poorReport, rules)
  await ingestReport(db, poor, poorReport, rescored, NOW)
  for (const pc of [healthy, village]) {
    const report = await makeReport({ hostname: pc.hostname })
    await ingestReport(db, pc, report, rescore(report, rules), NOW)
  }
  return {
    collector,
    poorDevice: poor.id,
    healthyDevice: healthy.id,
    villageDevice: village.id,
    poorScored: rescored,
  }
}

/** `name=value` of a cookie the server set, ready for a Cookie header; null when it set none. */
export function setCookiePair(response: Response, name: string): string | null {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`))
  return line ? line.split(';')[0]! : null
}

export function hiddenCsrf(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page)
  if (!match) throw new Error('no CSRF field on the page')
  return match[1]!
}

/** Opens the login form and posts it as a browser would; the response is the redirect (or the refusal). */
export async function postLogin(url: string, name: string, password: string): Promise<Response> {
  const form = await fetch(`${url}/login`)
  const csrfCookie = setCookiePair(form, LOGIN_CSRF_COOKIE) ?? ''
  return fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie },
    body: new URLSearchParams({ csrf: hiddenCsrf(await form.text()), name, password }),
  })
}

/** The Cookie header of a signed-in user. */
export async function signIn(url: string, user: { name: string; password: string }): Promise<string> {
  const response = await postLogin(url, user.name, user.password)
  const session = setCookiePair(response, SESSION_COOKIE)
  if (response.status !== 303 || !session) throw new Error(`login of ${user.name} failed: ${response.status}`)
  return session
}
