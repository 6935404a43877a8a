/**
 * Windows probe tests: a fake Windows host, the one powershell.exe command line the probes must start (asserted
 * to the character), and the recorded script outputs of test/fixtures/windows (see the README there).
 */
import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import type { Host } from '../../../src/core/host.js'
import { collectFacts } from '../../../src/probes/collect.js'
import type { ProbeContext, ProbeSettings } from '../../../src/probes/probe.js'
import { probes } from '../../../src/probes/registry.js'
import type { FactsSnapshot } from '../../../src/probes/snapshot.js'
import { encodeCommand } from '../../../src/probes/windows/powershell.js'
import { WINDOWS_FACTS_SCRIPT } from '../../../src/probes/windows/script.js'
import { commandStub, type CommandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { rechecked } from '../../helpers/facts.js'
import { testContext, testHost } from '../../helpers/probe-context.js'

export const FIXTURES = [
  'win11-24h2-vi',
  'win10-22h2',
  'domain-joined',
  'redirected-downloads',
  'adsi-fallback',
  'section-failure',
  'wu-search-timeout',
  'school-lab',
] as const
export type WindowsFixture = (typeof FIXTURES)[number]

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/windows/${name}`, import.meta.url), 'utf8')
}

/** A recorded script output, parsed, for tests that change one value of it. */
export function fixtureJson(name: WindowsFixture): Record<string, unknown> {
  return JSON.parse(fixtureText(`${name}.json`)) as Record<string, unknown>
}

export function windowsHost(overrides: Partial<Host> = {}): Host {
  return testHost({
    platform: 'windows',
    systemRoot: '/',
    homeDir: 'C:\\Users\\Nguyễn Văn Á',
    userName: 'Nguyễn Văn Á',
    hostname: 'PC-KETOAN',
    arch: 'x64',
    kernel: '10.0.26100',
    env: { SystemRoot: 'C:\\WINDOWS', USERPROFILE: 'C:\\Users\\Nguyễn Văn Á' },
    ...overrides,
  })
}

/** The exact command line every Windows probe run must start, once. */
export const POWERSHELL_COMMAND_LINE =
  'C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoLogo -NoProfile -NonInteractive ' +
  `-ExecutionPolicy Bypass -EncodedCommand ${encodeCommand(WINDOWS_FACTS_SCRIPT)}`

/** What the one PowerShell run answers: a fixture's JSON as stdout, or any other answer. */
export type PowerShellOutput = WindowsFixture | StubAnswer

/** A changed recorded output, as the run's stdout. */
export const printed = (document: unknown): StubAnswer => ({ stdout: JSON.stringify(document) })

/** A recorded output with the value at `path` (keys and list indexes, dot-separated) replaced. */
export function changedFixture(name: WindowsFixture, path: string, value: unknown): Record<string, unknown> {
  const document = fixtureJson(name)
  const keys = path.split('.')
  const last = keys.pop()!
  let node = document as Record<string, unknown>
  for (const key of keys) node = node[key] as Record<string, unknown>
  node[last] = value
  return document
}

/**
 * One section of a recorded output as its probe receives it, checked with the section's schema; with `path`,
 * the value there (inside the section's data) replaced first.
 */
export function recordedSection<T>(
  name: WindowsFixture,
  section: string,
  schema: z.ZodType<T>,
  change?: { path: string; value: unknown },
): T {
  const document = change ? changedFixture(name, `${section}.data.${change.path}`, change.value) : fixtureJson(name)
  return schema.parse((document[section] as { data: unknown }).data)
}

export function powershellStub(output: PowerShellOutput): CommandStub {
  const answer = typeof output === 'string' ? { stdout: fixtureText(`${output}.json`) } : output
  return commandStub().on(POWERSHELL_COMMAND_LINE, answer)
}

export interface WindowsRun {
  ctx: ProbeContext
  stub: CommandStub
}

export function windowsContext(
  output: PowerShellOutput,
  settings: Partial<ProbeSettings> = {},
): WindowsRun {
  const stub = powershellStub(output)
  return { stub, ctx: testContext({ host: windowsHost(), run: stub.run, settings }) }
}

/**
 * One probe's facts from one recorded run through the command stub, checked against the probe's schema; the
 * stub fails the test if the one PowerShell command line was not started.
 */
export async function collectedFacts<T>(
  fixture: WindowsFixture,
  collect: (ctx: ProbeContext) => Promise<T>,
  schema: z.ZodType<T>,
): Promise<T> {
  const { ctx, stub } = windowsContext(fixture)
  const facts = schema.parse(await collect(ctx))
  stub.assertAllUsed()
  return facts
}

/** Every probe of the agent on a Windows host answered by one recorded PowerShell run. */
export async function collectWindows(
  output: PowerShellOutput,
  settings: Partial<ProbeSettings> = {},
): Promise<{ snapshot: FactsSnapshot; stub: CommandStub }> {
  const { ctx, stub } = windowsContext(output, settings)
  const snapshot = await collectFacts(probes, {
    context: { host: ctx.host, run: ctx.run, clock: ctx.clock, settings: ctx.settings, cacheDir: null },
    agentVersion: '0.0.0-test',
  })
  return { snapshot, stub }
}

/** The snapshot of one recorded run, rechecked, after checking every recorded answer was used. */
export async function checkedWindowsSnapshot(output: PowerShellOutput): Promise<FactsSnapshot> {
  const { snapshot, stub } = await collectWindows(output)
  stub.assertAllUsed()
  return rechecked(snapshot)
}
