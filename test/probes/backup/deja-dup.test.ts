// Tests Déjà Dup's last backup read through a stubbed gsettings.
import { describe, expect, it } from 'vitest'
import type { CommandRunner, RunOptions } from '../../../src/core/runner.js'
import { inspectDejaDup } from '../../../src/probes/backup/deja-dup.js'
import { commandStub, noCommands, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const GSETTINGS = 'gsettings get org.gnome.DejaDup last-backup'
const SCHEMA_FILE = 'usr/share/glib-2.0/schemas/org.gnome.DejaDup.gschema.xml'

async function withDejaDup(answer: StubAnswer, installedAs = SCHEMA_FILE) {
  const stub = commandStub().on(GSETTINGS, answer)
  const options: Array<RunOptions | undefined> = []
  const run: CommandRunner = (command, args, runOptions) => {
    options.push(runOptions)
    return stub.run(command, args, runOptions)
  }
  const ctx = testContext({ host: { systemRoot: await tempTree({ [installedAs]: '<schemalist/>' }) }, run })
  const source = await inspectDejaDup(ctx)
  stub.assertAllUsed()
  return { source, options }
}

describe('inspectDejaDup', () => {
  it('reads the last backup time, quoted as gsettings prints a string', async () => {
    const { source, options } = await withDejaDup({ stdout: "'2026-11-20T10:15:30.123456Z'\n" })

    expect(source).toEqual({
      kind: 'deja-dup',
      location: 'org.gnome.DejaDup last-backup',
      state: 'found',
      newestAt: '2026-11-20T10:15:30.123Z',
      capped: false,
    })
    expect(options[0]?.timeoutMs).toBeLessThanOrEqual(3_000)
  })

  it('finds Déjà Dup installed by its binary alone', async () => {
    const { source } = await withDejaDup({ stdout: "'2026-11-20T10:15:30Z'\n" }, 'usr/bin/deja-dup')

    expect(source).toMatchObject({ state: 'found', newestAt: '2026-11-20T10:15:30.000Z' })
  })

  it("reports the empty default ('') as not configured: no backup ever completed", async () => {
    expect((await withDejaDup({ stdout: "''\n" })).source).toMatchObject({ state: 'not-configured', newestAt: null })
  })

  it.each<[string, StubAnswer]>([
    ['a schema gsettings does not know', { exitCode: 1, stderr: 'No such schema “org.gnome.DejaDup”\n' }],
    ['gsettings missing', { notFound: true }],
    ['gsettings timing out', { timedOut: true }],
    ['a value that is not a date', { stdout: "'yesterday'\n" }],
  ])('reports %s as unreadable', async (_, answer) => {
    expect((await withDejaDup(answer)).source).toMatchObject({ state: 'unreadable', newestAt: null })
  })

  it('reports a runner that throws as unreadable instead of failing the probe', async () => {
    const run: CommandRunner = async () => {
      throw new Error('spawn EAGAIN')
    }
    const ctx = testContext({ host: { systemRoot: await tempTree({ [SCHEMA_FILE]: '' }) }, run })

    expect(await inspectDejaDup(ctx)).toMatchObject({ state: 'unreadable' })
  })

  it('gives no source and runs nothing when Déjà Dup is not installed', async () => {
    const ctx = testContext({ host: { systemRoot: await tempTree({ 'usr/bin/gsettings': '' }) }, run: noCommands })

    expect(await inspectDejaDup(ctx)).toBeNull()
  })
})
