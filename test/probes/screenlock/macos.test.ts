// The screen lock probe on a Mac: sysadminctl's password setting, the screen saver and display sleep, profiles.
import { describe, expect, it } from 'vitest'
import { screenlockProbe } from '../../../src/probes/screenlock/index.js'
import type { ScreenLockFacts } from '../../../src/probes/screenlock/schema.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import { collectOnMac, macFixture, plistDict } from '../macos/macos-test-kit.js'

const SYSADMINCTL = 'sysadminctl -screenLock status'
const IDLE_TIME = 'defaults -currentHost read com.apple.screensaver idleTime'
const PMSET = 'pmset -g'
const SOURCE = 'sysadminctl -screenLock, com.apple.screensaver, pmset'
const MANAGED = 'Library/Managed Preferences/com.apple.screensaver.plist'
const MANAGED_FOR_AN = 'Library/Managed Preferences/an/com.apple.screensaver.plist'

/** sysadminctl's status line as it logs it, on stderr after a timestamp and its process ids. */
function lockLine(status: string): StubAnswer {
  return { stderr: `2026-11-29 09:12:44.321 sysadminctl[2291:41022] ${status}\n` }
}

/** `defaults read` of a key never written: exit 1, the message on stderr (CIS audit notes quote it). */
const NEVER_SET: StubAnswer = {
  exitCode: 1,
  stderr: '\nThe domain/default pair of (com.apple.screensaver, idleTime) does not exist\n',
}

interface LockMac {
  sysadminctl?: StubAnswer
  idleTime?: StubAnswer
  /** Minutes in `pmset -g`; the fixture has 10. */
  displaySleep?: number
  pmset?: StubAnswer
  system?: Record<string, string>
}

async function collect(mac: LockMac = {}): Promise<ScreenLockFacts> {
  const pmset = (await macFixture('pmset-g.txt')).replace('displaysleep         10', `displaysleep ${mac.displaySleep ?? 10}`)
  return collectOnMac(screenlockProbe, {
    system: mac.system ?? {},
    commands: [
      [SYSADMINCTL, mac.sysadminctl ?? lockLine('screenLock delay is immediate')],
      [IDLE_TIME, mac.idleTime ?? { stdout: '300\n' }],
      [PMSET, mac.pmset ?? { stdout: pmset }],
    ],
  })
}

describe('screen lock probe on macOS', () => {
  it('locks at once with a password when the screen saver starts after 5 minutes', async () => {
    expect(await collect()).toEqual({
      desktop: true,
      lockEnabled: true,
      requiresPassword: true,
      idleMinutes: 5,
      enforcedByPolicy: false,
      source: SOURCE,
      problems: [],
    })
  })

  it('adds the delay before the password is asked, and takes display sleep when the screen saver never starts', async () => {
    const facts = await collect({ sysadminctl: lockLine('screenLock delay is 300 seconds'), idleTime: { stdout: '0\n' } })
    expect(facts).toMatchObject({ lockEnabled: true, requiresPassword: true, idleMinutes: 15 })
    const lateDisplay = await collect({ idleTime: { stdout: '1200\n' }, displaySleep: 30 })
    expect(lateDisplay.idleMinutes).toBe(20)
  })

  it('reports a screen saver without a password as not locking', async () => {
    const facts = await collect({ sysadminctl: lockLine('screenLock is off'), idleTime: { stdout: '600\n' } })
    expect(facts).toMatchObject({ lockEnabled: false, requiresPassword: false, idleMinutes: 10, problems: [] })
  })

  it('reports no lock when neither the screen saver nor display sleep ever starts', async () => {
    const facts = await collect({ idleTime: { stdout: '0\n' }, displaySleep: 0 })
    expect(facts).toMatchObject({ lockEnabled: false, requiresPassword: true, idleMinutes: null })
  })

  it('takes the values a profile enforces, the user\'s own profile over the whole Mac\'s', async () => {
    const system = {
      [MANAGED]: plistDict({ askForPassword: true, askForPasswordDelay: 5, idleTime: 600 }),
      [MANAGED_FOR_AN]: plistDict({ idleTime: 300 }),
    }
    const facts = await collect({ system, sysadminctl: lockLine('screenLock is off'), idleTime: { stdout: '1200\n' } })
    expect(facts).toEqual({
      desktop: true,
      lockEnabled: true,
      requiresPassword: true,
      idleMinutes: 5.08,
      enforcedByPolicy: true,
      source: '/Library/Managed Preferences/com.apple.screensaver',
      problems: [],
    })
    const integerFlag = await collect({ system: { [MANAGED]: plistDict({ askForPassword: 0 }) } })
    expect(integerFlag).toMatchObject({ requiresPassword: false, lockEnabled: false, enforcedByPolicy: true })
  })

  it('leaves what cannot be read unknown, with the reasons', async () => {
    const facts = await collect({
      sysadminctl: { exitCode: 1, stderr: 'sysadminctl[2291:41022] Operation is not permitted without secure token unlock.\n' },
      idleTime: NEVER_SET,
      pmset: { timedOut: true },
      system: { [MANAGED]: 'not a property list' },
    })
    expect(facts).toEqual({
      desktop: true,
      lockEnabled: null,
      requiresPassword: null,
      idleMinutes: null,
      enforcedByPolicy: null,
      source: SOURCE,
      problems: [
        '/Library/Managed Preferences/com.apple.screensaver.plist: no XML property list found',
        'sysadminctl -screenLock status: exit code 1 (sysadminctl[2291:41022] Operation is not permitted without secure token unlock.)',
        'pmset -g: timed out',
      ],
    })
  })

  it('takes an unknown screen saver time for at most the display sleep, which locks first anyway', async () => {
    const facts = await collect({ idleTime: NEVER_SET })
    expect(facts).toMatchObject({ lockEnabled: true, idleMinutes: 10, problems: [] })
    const unknownDelay = await collect({ sysadminctl: lockLine('screenLock status is unavailable') })
    expect(unknownDelay).toMatchObject({ requiresPassword: null, lockEnabled: null, idleMinutes: null })
    expect(unknownDelay.problems).toEqual([
      'sysadminctl -screenLock status: unexpected output "2026-11-29 09:12:44.321 sysadminctl[2291:41022] screenLock status is unavailable"',
    ])
  })
})
