// Linux autorun: never AutoRun (no desktop runs a drive's program by itself), AutoPlay from recorded GNOME media-handling settings.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { collectLinuxAutorun } from '../../../src/probes/autorun/linux.js'
import { AutorunFactsSchema } from '../../../src/probes/autorun/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/autorun/${name}`, import.meta.url), 'utf8')
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

const SCHEMA = 'org.gnome.desktop.media-handling'
const SCHEMA_FILE = `usr/share/glib-2.0/schemas/${SCHEMA}.gschema.xml`
const GNOME_ENV = { XDG_SESSION_TYPE: 'wayland', XDG_CURRENT_DESKTOP: 'GNOME' }

async function autorun(env: Record<string, string>, gsettings?: StubAnswer, files: Record<string, string> = {}) {
  const root = await tempTree({ 'proc/1/stat': stat(1, 'systemd'), ...(gsettings ? { [SCHEMA_FILE]: '<schemalist/>' } : {}), ...files })
  const stub = commandStub()
  if (gsettings) stub.on(`gsettings list-recursively ${SCHEMA}`, gsettings)
  const facts = AutorunFactsSchema.parse(await collectLinuxAutorun(testContext({ host: { systemRoot: root, env }, run: stub.run })))
  stub.assertAllUsed()
  return facts
}

/** The recorded settings with one key changed. */
async function withKey(key: string, value: string): Promise<StubAnswer> {
  const text = await fixture('gsettings-media-handling-defaults.txt')
  const changed = text.replace(new RegExp(`^(${SCHEMA} ${key}) \\S+$`, 'm'), `$1 ${value}`)
  if (!changed.includes(`${key} ${value}`) || changed === text) throw new Error(`${key} is not ${value} in the recorded settings`)
  return { stdout: changed }
}

describe('Linux autorun (GNOME media handling)', () => {
  it('reads the GNOME defaults as AutoPlay on: a prompt on insertion and a folder window on mount', async () => {
    const facts = await autorun(GNOME_ENV, { stdout: await fixture('gsettings-media-handling-defaults.txt') })
    expect(facts).toEqual({ autorunEnabled: false, autoplayEnabled: true, source: `gsettings ${SCHEMA}` })
  })

  it('reads "never prompt or start programs" with no folder window as AutoPlay off', async () => {
    const facts = await autorun(GNOME_ENV, { stdout: await fixture('gsettings-media-handling-off.txt') })
    expect(facts).toEqual({ autorunEnabled: false, autoplayEnabled: false, source: `gsettings ${SCHEMA}` })
  })

  it('counts either behaviour alone as AutoPlay', async () => {
    // autorun-never true, but each mount still opens a folder window.
    expect((await autorun(GNOME_ENV, await withKey('autorun-never', 'true'))).autoplayEnabled).toBe(true)
    // No folder window, but the "what to do with this medium" prompt remains.
    expect((await autorun(GNOME_ENV, await withKey('automount-open', 'false'))).autoplayEnabled).toBe(true)
  })

  it('opens no folder when drives are not mounted by themselves (automount false)', async () => {
    const off = await fixture('gsettings-media-handling-off.txt')
    const text = off.replace('automount-open false', 'automount-open true').replace('automount true', 'automount false')
    expect((await autorun(GNOME_ENV, { stdout: text })).autoplayEnabled).toBe(false)
  })

  it('leaves AutoPlay unknown when a key is missing, but never reports AutoRun', async () => {
    const text = (await fixture('gsettings-media-handling-off.txt')).replace(/^.* autorun-never .*\n/m, '')
    expect(await autorun(GNOME_ENV, { stdout: text })).toEqual({ autorunEnabled: false, autoplayEnabled: null, source: `gsettings ${SCHEMA}` })
  })

  it('leaves AutoPlay unknown when gsettings fails or the schema is not installed', async () => {
    const failed = await autorun(GNOME_ENV, { exitCode: 1, stderr: `No such schema ?${SCHEMA}?\n` })
    expect(failed).toEqual({ autorunEnabled: false, autoplayEnabled: null, source: null })
    expect(await autorun(GNOME_ENV)).toEqual({ autorunEnabled: false, autoplayEnabled: null, source: null })
  })

  it('has nothing to say without a desktop: no session, nothing opens drives', async () => {
    expect(await autorun({})).toEqual({ autorunEnabled: null, autoplayEnabled: null, source: null })
  })

  it('does not read GNOME settings on another desktop (KDE): AutoRun off, AutoPlay unknown', async () => {
    const facts = await autorun({ XDG_SESSION_TYPE: 'x11', XDG_CURRENT_DESKTOP: 'KDE' })
    expect(facts).toEqual({ autorunEnabled: false, autoplayEnabled: null, source: null })
  })

  it("does not read another account's GNOME session", async () => {
    const uid = process.getuid?.() ?? 0
    const files = { 'proc/2144/stat': stat(2144, 'gnome-shell'), 'etc/passwd': `alice:x:${uid + 1}:${uid + 1}::/home/alice:/bin/bash\n` }
    expect(await autorun({}, undefined, files)).toEqual({ autorunEnabled: false, autoplayEnabled: null, source: null })
  })
})
