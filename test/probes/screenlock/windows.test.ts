// The screen-lock probe on the recorded Windows PCs: screen saver, its Group Policy, the machine inactivity limit.
import { describe, expect, it } from 'vitest'
import { ScreenLockFactsSchema } from '../../../src/probes/screenlock/schema.js'
import { collectWindowsScreenLock, windowsScreenLockFacts } from '../../../src/probes/screenlock/windows.js'
import { ScreenLockSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { collectedFacts, recordedSection, type WindowsFixture } from '../windows/windows-kit.js'

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsScreenLock, ScreenLockFactsSchema)

function changed(fixture: WindowsFixture, path: string, value: unknown) {
  return windowsScreenLockFacts(recordedSection(fixture, 'screenlock', ScreenLockSectionSchema, { path, value }))
}

describe('screen-lock probe on Windows', () => {
  it('finds no lock on a PC left as Windows installs it (no screen saver chosen)', async () => {
    expect(await collected('win11-24h2-vi')).toEqual({
      desktop: true,
      lockEnabled: false,
      requiresPassword: null,
      idleMinutes: null,
      enforcedByPolicy: false,
      source: 'HKCU\\Control Panel\\Desktop',
      problems: [],
    })
  })

  it('reads a secure screen saver after 15 minutes, set by the user', async () => {
    expect(await collected('win10-22h2')).toMatchObject({
      lockEnabled: true,
      requiresPassword: true,
      idleMinutes: 15,
      enforcedByPolicy: false,
      source: 'HKCU\\Control Panel\\Desktop',
    })
  })

  it('takes the Group Policy screen saver of 5 minutes before the 15-minute inactivity limit', async () => {
    expect(await collected('domain-joined')).toMatchObject({
      lockEnabled: true,
      requiresPassword: true,
      idleMinutes: 5,
      enforcedByPolicy: true,
      source: 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop',
    })
  })

  it('counts the machine inactivity limit as a lock', async () => {
    expect(await collected('redirected-downloads')).toMatchObject({
      lockEnabled: true,
      requiresPassword: true,
      idleMinutes: 10,
      enforcedByPolicy: true,
      source: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs',
    })
  })

  it('reads a screen saver switched off', async () => {
    expect(await collected('adsi-fallback')).toMatchObject({ lockEnabled: false, idleMinutes: null })
  })

  it('says a screen saver without "display logon screen" opens without the password', () => {
    expect(changed('win10-22h2', 'user.secure', '0')).toMatchObject({
      lockEnabled: false,
      requiresPassword: false,
      idleMinutes: null,
    })
  })

  it('lets a policy that switches the screen saver off win over the user', () => {
    expect(changed('win10-22h2', 'policy.active', '0')).toMatchObject({ lockEnabled: false, enforcedByPolicy: true })
  })
})
