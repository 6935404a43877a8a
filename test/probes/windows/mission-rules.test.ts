/**
 * The four mission checks on each recorded Windows PC: the probes run on the script's output, and the rules
 * judge their facts. Each case names the status and the reason the message must give.
 */
import { describe, expect, it } from 'vitest'
import { builtinPacks, evaluateBuiltin } from '../../helpers/engine.js'
import { checkedWindowsSnapshot, type WindowsFixture } from './windows-kit.js'

type Expected = [status: string, reason: string]
type Verdicts = Record<string, Expected>

const NO_RISKY_FILE: Expected = ['pass', 'No risky file among 0 entries']

const CASES: Record<WindowsFixture, Verdicts> = {
  'win11-24h2-vi': {
    'password.max-age': ['fail', 'older than 90 days or must change it now: Kế toán.'],
    'access.empty-password': ['fail', 'Account(s) without a password: Guest.'],
    'backup.recent': ['pass', 'The newest backup is 1 day(s) old'],
    'updates.pending': ['fail', '1 security update(s) are not installed (1 updates in all), e.g. KB5068861.'],
    'updates.os-supported': ['fail', 'Windows 11 24H2 stopped getting security fixes on 2026-10-13'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
  'win10-22h2': {
    'password.max-age': ['fail', 'must change it now: admin.'],
    'access.empty-password': ['pass', 'Every account that can log in has a password.'],
    'backup.recent': ['fail', 'No backup was found (looked at:'],
    'updates.pending': ['fail', "The system's updating is switched off"],
    'updates.os-supported': ['fail', 'Windows 10 22H2 stopped getting security fixes on 2025-10-14'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
  'domain-joined': {
    'password.max-age': ['pass', 'changed within the last 90 days'],
    'access.empty-password': ['pass', 'Every account that can log in has a password.'],
    'backup.recent': ['pass', 'The newest backup is 1 day(s) old'],
    'updates.pending': ['warn', 'the computer must restart'],
    'updates.os-supported': ['pass', 'Windows 11 24H2 gets security fixes until 2027-10-12'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
  'redirected-downloads': {
    'password.max-age': ['pass', 'changed within the last 90 days'],
    'access.empty-password': ['pass', 'Every account that can log in has a password.'],
    'backup.recent': ['pass', 'The newest backup is 3 day(s) old'],
    'updates.pending': ['warn', 'No security update is missing, but 1 other update(s) are not installed.'],
    'updates.os-supported': ['pass', 'Windows 11 25H2 gets security fixes until 2027-10-12'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
  'adsi-fallback': {
    'password.max-age': ['pass', 'changed within the last 90 days'],
    'access.empty-password': ['fail', 'Account(s) without a password: Văn thư.'],
    'backup.recent': ['fail', 'No backup was found (looked at:'],
    'updates.pending': ['fail', "The system's updating is switched off"],
    'updates.os-supported': ['fail', 'Windows 10 22H2 stopped getting security fixes on 2025-10-14'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
  'section-failure': {
    'password.max-age': ['error', 'could not read the accounts facts: Không tìm thấy đường dẫn mạng.'],
    'access.empty-password': ['error', 'Windows PowerShell could not read the accounts facts'],
    'backup.recent': ['pass', 'The newest backup is 1 day(s) old'],
    'updates.pending': ['fail', 'e.g. KB5068861.'],
    'updates.os-supported': ['fail', 'Windows 11 24H2 stopped getting security fixes'],
    'downloads.risky-files': ['error', 'the folders facts from PowerShell have an unexpected shape (data.userProfile:'],
  },
  'wu-search-timeout': {
    'password.max-age': ['fail', 'Kế toán'],
    'access.empty-password': ['fail', 'Guest'],
    'backup.recent': ['pass', 'The newest backup is 1 day(s) old'],
    // The search gave no answer; an update installed 17 days ago stands in for it.
    'updates.pending': ['pass', 'but an update was installed 17 days ago, within 45 days.'],
    'updates.os-supported': ['fail', 'Windows 11 24H2 stopped getting security fixes'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
  'school-lab': {
    'password.max-age': ['pass', 'changed within the last 90 days'],
    // The shared pupils' account needs no password, like the Guest.
    'access.empty-password': ['fail', 'Account(s) without a password: Guest, Học sinh.'],
    'backup.recent': ['fail', 'No backup was found (looked at: C:\\Users\\Học sinh'],
    'updates.pending': ['fail', "The system's updating is switched off"],
    'updates.os-supported': ['fail', 'Windows 10 22H2 stopped getting security fixes on 2025-10-14'],
    'downloads.risky-files': NO_RISKY_FILE,
  },
}

describe.each(Object.entries(CASES))('mission checks on the recorded PC %s', (fixture, verdicts) => {
  it('covers every rule of the mission pack', async () => {
    const mission = (await builtinPacks()).rules.filter((rule) => rule.origin.file.endsWith('mission.yaml'))
    expect(Object.keys(verdicts).sort()).toEqual(mission.map((rule) => rule.id).sort())
  })

  it.each(Object.entries(verdicts))('%s', async (rule, [status, reason]) => {
    const result = await evaluateBuiltin(rule, await checkedWindowsSnapshot(fixture as WindowsFixture))
    expect(result.message).toContain(reason)
    expect(result.status).toBe(status)
  })
})
