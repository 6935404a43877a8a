// The autorun probe on the recorded Windows PCs: the Explorer AutoRun policies and the user's AutoPlay switch.
import { describe, expect, it } from 'vitest'
import { AutorunFactsSchema } from '../../../src/probes/autorun/schema.js'
import { collectWindowsAutorun, windowsAutorunFacts } from '../../../src/probes/autorun/windows.js'
import { AutorunSectionSchema, type AutorunSection } from '../../../src/probes/windows/windows-facts.js'
import { collectedFacts, type WindowsFixture } from '../windows/windows-kit.js'

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsAutorun, AutorunFactsSchema)

const POLICY = 'Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer'

function settings(overrides: Partial<AutorunSection>): AutorunSection {
  const unset = { noDriveTypeAutoRun: null, noAutorun: null }
  return AutorunSectionSchema.parse({ machine: unset, user: unset, disableAutoplay: null, ...overrides })
}

describe('autorun probe on Windows', () => {
  it('counts the Windows default (0x91) as AutoRun on: CDs, and USB devices posing as one', async () => {
    expect(await collected('win11-24h2-vi')).toEqual({
      autorunEnabled: true,
      autoplayEnabled: true,
      source: `HKCU\\${POLICY}\\NoDriveTypeAutoRun`,
    })
    expect(await collected('redirected-downloads')).toEqual({
      autorunEnabled: true,
      autoplayEnabled: true,
      source: 'NoDriveTypeAutoRun unset (default 0x91)',
    })
  })

  it('reads AutoRun switched on for every drive type', async () => {
    expect(await collected('win10-22h2')).toMatchObject({ autorunEnabled: true, autoplayEnabled: true })
  })

  it('reads both off under Group Policy', async () => {
    expect(await collected('domain-joined')).toEqual({
      autorunEnabled: false,
      autoplayEnabled: false,
      source:
        `HKLM\\${POLICY}\\NoDriveTypeAutoRun; HKLM\\${POLICY}\\NoAutorun; ` +
        'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\AutoplayHandlers\\DisableAutoplay',
    })
  })

  it('needs both removable and CD-ROM drives in the mask ("Turn off AutoPlay" writes 0xB5)', () => {
    expect(windowsAutorunFacts(settings({ user: { noDriveTypeAutoRun: 0xb5, noAutorun: null } }))).toMatchObject({
      autorunEnabled: false,
      autoplayEnabled: false,
    })
    expect(windowsAutorunFacts(settings({ user: { noDriveTypeAutoRun: 0x95, noAutorun: null } }))).toMatchObject({
      autorunEnabled: true,
      autoplayEnabled: true,
    })
  })

  it('lets the computer policy win over the user one', () => {
    const machine = { noDriveTypeAutoRun: 0x91, noAutorun: null }
    const facts = windowsAutorunFacts(settings({ machine, user: { noDriveTypeAutoRun: 0xff, noAutorun: null } }))
    expect(facts.autorunEnabled).toBe(true)
  })

  it('reads NoAutorun and the AutoPlay switch on their own', () => {
    expect(windowsAutorunFacts(settings({ user: { noDriveTypeAutoRun: null, noAutorun: 1 } }))).toMatchObject({
      autorunEnabled: false,
      autoplayEnabled: true,
    })
    expect(windowsAutorunFacts(settings({ disableAutoplay: 1 }))).toMatchObject({
      autorunEnabled: true,
      autoplayEnabled: false,
    })
  })
})
