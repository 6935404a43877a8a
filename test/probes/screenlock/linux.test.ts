// Linux screen lock: GNOME from recorded gsettings output and dconf locks, KDE from kscreenlockerrc, the desktop found by environment or /proc.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { collectLinuxScreenLock } from '../../../src/probes/screenlock/linux.js'
import { ScreenLockFactsSchema } from '../../../src/probes/screenlock/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/screenlock/${name}`, import.meta.url), 'utf8')
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

const SESSION = 'org.gnome.desktop.session'
const SCREENSAVER = 'org.gnome.desktop.screensaver'
const LOCKDOWN = 'org.gnome.desktop.lockdown'
const GNOME_SOURCE = `gsettings ${SESSION}, ${SCREENSAVER}`
/** What pam_systemd and GDM put in a GNOME Wayland session's environment. */
const GNOME_ENV = { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'GNOME' }

/** gsettings' answer per schema; a schema left out is not installed (no .gschema.xml). */
type Answers = Partial<Record<typeof SESSION | typeof SCREENSAVER | typeof LOCKDOWN, StubAnswer>>

async function recorded(session: string, screensaver: string, lockdown = 'gsettings-lockdown-defaults.txt'): Promise<Answers> {
  return {
    [SESSION]: { stdout: await fixture(session) },
    [SCREENSAVER]: { stdout: await fixture(screensaver) },
    [LOCKDOWN]: { stdout: await fixture(lockdown) },
  }
}

interface Machine {
  answers?: Answers
  files?: Record<string, string | TreeFile>
  env?: Record<string, string>
  home?: Record<string, string>
  userName?: string
}

async function screenLock({ answers = {}, files = {}, env = GNOME_ENV, home = {}, userName = 'lan' }: Machine) {
  const schemaFiles = Object.fromEntries(Object.keys(answers).map((schema) => [`usr/share/glib-2.0/schemas/${schema}.gschema.xml`, '<schemalist/>']))
  const root = await tempTree({ 'proc/1/stat': stat(1, 'systemd'), ...schemaFiles, ...files })
  const homeDir = await tempTree(home)
  const stub = commandStub()
  for (const [schema, answer] of Object.entries(answers)) stub.on(`gsettings list-recursively ${schema}`, answer)
  const ctx = testContext({ host: { systemRoot: root, homeDir, userName, env }, run: stub.run })
  const facts = ScreenLockFactsSchema.parse(await collectLinuxScreenLock(ctx))
  stub.assertAllUsed()
  return facts
}

describe('Linux screen lock: GNOME (gsettings)', () => {
  it("reads Debian's defaults: blank after 5 minutes, lock at once, password asked", async () => {
    const facts = await screenLock({ answers: await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt') })
    expect(facts).toEqual({
      desktop: true,
      lockEnabled: true,
      requiresPassword: true,
      idleMinutes: 5,
      enforcedByPolicy: false,
      source: GNOME_SOURCE,
      problems: [],
    })
  })

  it('adds the lock delay to the idle delay: 600 s + 30 s is 10.5 minutes', async () => {
    const facts = await screenLock({ answers: await recorded('gsettings-session-600.txt', 'gsettings-screensaver-delay-30.txt') })
    expect(facts).toMatchObject({ lockEnabled: true, requiresPassword: true, idleMinutes: 10.5 })
  })

  it('reads "never blank" and "lock off" as no automatic lock and no password', async () => {
    const facts = await screenLock({ answers: await recorded('gsettings-session-never.txt', 'gsettings-screensaver-lock-off.txt') })
    expect(facts).toMatchObject({ lockEnabled: false, requiresPassword: false, idleMinutes: null, problems: [] })
  })

  it('reads a screen that blanks but never locks: idle delay set, lock-enabled false', async () => {
    const facts = await screenLock({ answers: await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-lock-off.txt') })
    expect(facts).toMatchObject({ lockEnabled: false, requiresPassword: false, idleMinutes: 5.5 })
  })

  it('reads idle-delay 0 with the lock on as no automatic lock, though unlocking asks the password', async () => {
    const facts = await screenLock({ answers: await recorded('gsettings-session-never.txt', 'gsettings-screensaver-defaults.txt') })
    expect(facts).toMatchObject({ lockEnabled: false, requiresPassword: true, idleMinutes: null })
  })

  it('counts disable-lock-screen in org.gnome.desktop.lockdown as no lock at all', async () => {
    const answers = await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt')
    answers[LOCKDOWN] = { stdout: answers[LOCKDOWN]!.stdout!.replace('disable-lock-screen false', 'disable-lock-screen true') }
    expect(await screenLock({ answers })).toMatchObject({ lockEnabled: false, requiresPassword: false, idleMinutes: 5 })
  })

  it('sees the administrator lock both keys in dconf, one by one or by a locked folder', async () => {
    const answers = await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt')
    const locks = 'etc/dconf/db/local.d/locks/screensaver'
    const both = '/org/gnome/desktop/session/idle-delay\n/org/gnome/desktop/screensaver/lock-enabled\n'
    expect((await screenLock({ answers, files: { [locks]: both } })).enforcedByPolicy).toBe(true)
    expect((await screenLock({ answers, files: { [locks]: '# everything under it\n/org/gnome/desktop/\n' } })).enforcedByPolicy).toBe(true)
    const one = '/org/gnome/desktop/session/idle-delay\n'
    expect((await screenLock({ answers, files: { [locks]: one } })).enforcedByPolicy).toBe(false)
    // A locks folder of a file that is not a dconf database (no `.d`) is not read.
    expect((await screenLock({ answers, files: { 'etc/dconf/db/local/locks/screensaver': both } })).enforcedByPolicy).toBe(false)
  })

  it('is unknown, naming why, when the GNOME schemas are not installed', async () => {
    const facts = await screenLock({})
    expect(facts).toEqual({
      desktop: true,
      lockEnabled: null,
      requiresPassword: null,
      idleMinutes: null,
      enforcedByPolicy: null,
      source: null,
      problems: [`${SESSION}: schema not installed`, `${SCREENSAVER}: schema not installed`, `${LOCKDOWN}: schema not installed`],
    })
  })

  it('still judges without the lockdown schema, and says it was missing', async () => {
    const answers = await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt')
    delete answers[LOCKDOWN]
    const facts = await screenLock({ answers })
    expect(facts).toMatchObject({ lockEnabled: true, requiresPassword: true, idleMinutes: 5, problems: [`${LOCKDOWN}: schema not installed`] })
  })

  it('is unknown when gsettings fails with "No such schema" although the schema file exists', async () => {
    const stderr = (await fixture('gsettings-no-schema.stderr.txt')).replaceAll('org.gnome.nonexistent', SESSION)
    const answers = await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt')
    answers[SESSION] = { exitCode: 1, stderr }
    const facts = await screenLock({ answers })
    expect(facts).toMatchObject({ lockEnabled: null, requiresPassword: null, idleMinutes: null, source: null })
    expect(facts.problems).toEqual([`gsettings: exit code 1 (No such schema ?${SESSION}?)`])
  })
})

describe('Linux screen lock: which desktop', () => {
  it('has no desktop on a server: no graphical session in the environment or in /proc', async () => {
    const facts = await screenLock({ env: { XDG_SESSION_TYPE: 'tty' } })
    expect(facts).toEqual({
      desktop: false,
      lockEnabled: null,
      requiresPassword: null,
      idleMinutes: null,
      enforcedByPolicy: null,
      source: null,
      problems: [],
    })
  })

  it("finds GNOME from gnome-shell in /proc over ssh, and reads it when the session is this account's", async () => {
    // The temp /proc/<pid> folder belongs to whoever runs the test, so /etc/passwd gives that uid to `lan`.
    const uid = process.getuid?.() ?? 0
    const files = { 'proc/2144/stat': stat(2144, 'gnome-shell'), 'etc/passwd': `lan:x:${uid}:${uid}::/home/lan:/bin/bash\n` }
    const answers = await recorded('gsettings-session-600.txt', 'gsettings-screensaver-defaults.txt')
    const facts = await screenLock({ answers, files, env: { XDG_SESSION_TYPE: 'tty' } })
    expect(facts).toMatchObject({ desktop: true, lockEnabled: true, idleMinutes: 10, problems: [] })
  })

  it("does not read another account's session: gsettings would answer with this account's values", async () => {
    const uid = process.getuid?.() ?? 0
    const files = {
      'proc/2144/stat': stat(2144, 'gnome-shell'),
      'etc/passwd': `root:x:0:0::/root:/bin/bash\nlan:x:${uid + 1}:${uid + 1}::/home/lan:/bin/bash\nkhac:x:${uid}:${uid}::/home/khac:/bin/bash\n`,
    }
    const facts = await screenLock({ files, env: {}, userName: 'lan' })
    expect(facts).toEqual({
      desktop: true,
      lockEnabled: null,
      requiresPassword: null,
      idleMinutes: null,
      enforcedByPolicy: null,
      source: null,
      problems: [
        `the desktop session (gnome-shell) belongs to another account (uid ${uid}); run hygiene as that user to read its settings`,
      ],
    })
  })

  it('names a desktop whose settings it does not read yet (XFCE)', async () => {
    const facts = await screenLock({ env: { XDG_SESSION_TYPE: 'x11', XDG_CURRENT_DESKTOP: 'XFCE' } })
    expect(facts).toMatchObject({ desktop: true, lockEnabled: null, problems: ['XFCE: its screen lock settings are not read yet'] })
  })

  it("recognises Ubuntu's `ubuntu:GNOME` as GNOME", async () => {
    const answers = await recorded('gsettings-session-defaults.txt', 'gsettings-screensaver-defaults.txt')
    const facts = await screenLock({ answers, env: { XDG_SESSION_TYPE: 'x11', XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' } })
    expect(facts).toMatchObject({ lockEnabled: true, source: GNOME_SOURCE })
  })
})

describe('Linux screen lock: KDE Plasma (kscreenlockerrc)', () => {
  const KDE = { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'KDE' }

  it("uses kscreenlocker's defaults without a file: lock after 5 minutes, password after 5 s of grace", async () => {
    const facts = await screenLock({ env: KDE })
    expect(facts).toMatchObject({ desktop: true, lockEnabled: true, requiresPassword: true, enforcedByPolicy: null, problems: [] })
    expect(facts.idleMinutes).toBeCloseTo(5 + 5 / 60)
    expect(facts.source).toMatch(/\/\.config\/kscreenlockerrc$/)
  })

  it("reads the user's file over the administrator's /etc/xdg defaults", async () => {
    const files = { 'etc/xdg/kscreenlockerrc': '[Daemon]\nTimeout=3\nLockGrace=0\n' }
    expect((await screenLock({ env: KDE, files })).idleMinutes).toBe(3)
    const home = { '.config/kscreenlockerrc': '[Daemon]\nTimeout=15\nLockGrace=30\n' }
    expect((await screenLock({ env: KDE, files, home })).idleMinutes).toBe(15.5)
  })

  it('reads Autolock=false as no automatic lock and RequirePassword=false as no password', async () => {
    const home = { '.config/kscreenlockerrc': '[Daemon]\nAutolock=false\nRequirePassword=false\n' }
    expect(await screenLock({ env: KDE, home })).toMatchObject({ lockEnabled: false, requiresPassword: false, idleMinutes: null })
  })

  it('is unknown with a problem when Timeout is not a number', async () => {
    const home = { '.config/kscreenlockerrc': '[Daemon]\nTimeout=nam\n' }
    const facts = await screenLock({ env: KDE, home })
    expect(facts).toMatchObject({ lockEnabled: null, idleMinutes: null })
    expect(facts.problems).toEqual([`${facts.source}: Timeout or LockGrace is not a number`])
  })
})
