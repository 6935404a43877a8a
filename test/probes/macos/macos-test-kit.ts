// Shared pieces of the macOS probe tests: the constructed outputs and a fake Mac as the probes see it.
import { readFile } from 'node:fs/promises'
import type { CommandRunner } from '../../../src/core/runner.js'
import type { Probe, ProbeContext } from '../../../src/probes/probe.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext, type TestContextOptions } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

/** A file of test/fixtures/macos (see its README for the source of each format). */
export function macFixture(name: string): Promise<string> {
  return readFile(new URL(`../../fixtures/macos/${name}`, import.meta.url), 'utf8')
}

export interface MacOptions extends Omit<TestContextOptions, 'host'> {
  /** System files by absolute path without the leading slash: `Library/Preferences/…`. */
  system?: Record<string, string | TreeFile>
  home?: string
  userName?: string
}

/** A Mac whose system root is a temp tree of `system`; the user is `an` unless told otherwise. */
export async function macContext(options: MacOptions = {}): Promise<ProbeContext & { systemRoot: string }> {
  const { system = {}, home = '/Users/an', userName = 'an', ...rest } = options
  const systemRoot = await tempTree(system)
  const host = { platform: 'macos' as const, systemRoot, homeDir: home, userName, kernel: '24.1.0', arch: 'arm64' }
  return { ...testContext({ ...rest, host }), systemRoot }
}

export const SYSTEM_VERSION = 'System/Library/CoreServices/SystemVersion.plist'

/** The commands a test Mac answers: exact command lines (or patterns), built once its system root exists. */
export type MacCommand = [string | RegExp, StubAnswer]
export type MacCommands = MacCommand[] | ((systemRoot: string) => MacCommand[])

export interface CollectOptions extends MacOptions {
  commands?: MacCommands
}

/**
 * Runs a probe's macOS collector on a fake Mac and checks its facts against the probe's schema.
 * Every registered command must run, no other may, and each must be given a time limit.
 */
export async function collectOnMac<T>(probe: Probe<T>, options: CollectOptions = {}): Promise<T> {
  const { commands = [], ...mac } = options
  const stub = commandStub()
  const ctx = await macContext({ ...mac, run: withTimeLimit(stub.run) })
  const answers = typeof commands === 'function' ? commands(ctx.systemRoot) : commands
  for (const [line, answer] of answers) stub.on(line, answer)
  const collect = probe.collect.macos
  if (!collect) throw new Error(`the ${probe.id} probe has no macOS collector`)
  const facts = probe.schema.parse(await collect(ctx))
  stub.assertAllUsed()
  return facts
}

/**
 * Runs several probes' macOS collectors on one fake Mac, as a check runs them (at once, one
 * context), and gives their facts by probe id, each checked against its probe's schema. The same
 * rules as `collectOnMac`: every registered command must run, no other may, each with a time limit.
 */
export async function collectProbesOnMac(
  probes: readonly Probe[],
  options: CollectOptions = {},
): Promise<Record<string, unknown>> {
  const { commands = [], ...mac } = options
  const stub = commandStub()
  const ctx = await macContext({ ...mac, run: withTimeLimit(stub.run) })
  const answers = typeof commands === 'function' ? commands(ctx.systemRoot) : commands
  for (const [line, answer] of answers) stub.on(line, answer)
  const facts = await Promise.all(
    probes.map(async (probe) => {
      const collect = probe.collect.macos
      if (!collect) throw new Error(`the ${probe.id} probe has no macOS collector`)
      return [probe.id, probe.schema.parse(await collect(ctx))] as const
    }),
  )
  stub.assertAllUsed()
  return Object.fromEntries(facts)
}

function withTimeLimit(run: CommandRunner): CommandRunner {
  return (command, args, options) => {
    if (!options?.timeoutMs) throw new Error(`no time limit on: ${[command, ...args].join(' ')}`)
    return run(command, args, options)
  }
}

/** An XML property list of a dict holding `entries` (strings, integers, booleans), as Apple's tools write them. */
export function plistDict(entries: Record<string, string | number | boolean>): string {
  const values = Object.entries(entries).map(([key, value]) => `\t<key>${key}</key>\n\t${plistElement(value)}\n`)
  return `${PLIST_HEADER}<dict>\n${values.join('')}</dict>\n</plist>\n`
}

function plistElement(value: string | number | boolean): string {
  if (typeof value === 'boolean') return `<${value}/>`
  return typeof value === 'number' ? `<integer>${value}</integer>` : `<string>${value}</string>`
}

const PLIST_HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  '<plist version="1.0">\n'
