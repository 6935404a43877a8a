/**
 * Runs the probes a check needs, all at once, each with its own time limit. A probe that throws,
 * times out or returns facts that do not fit its schema is recorded as an error with a reason;
 * the others go on.
 */
import type { Host } from '../core/host.js'
import { hashMachineId } from './os/machine-id.js'
import type { OsFacts } from './os/schema.js'
import { createSharedWork, ProbeFailure, type Probe, type ProbeContext, type SharedWork } from './probe.js'
import { FACTS_SCHEMA_VERSION, type Device, type FactsSnapshot, type ProbeOutcome } from './snapshot.js'

export interface CollectOptions {
  context: Omit<ProbeContext, 'signal' | 'shared'>
  agentVersion: string
  /** Called as each probe starts and ends, for the progress spinner. */
  onProgress?: (event: { probe: string; phase: 'start' | 'end' }) => void
}

export async function collectFacts(selected: readonly Probe[], options: CollectOptions): Promise<FactsSnapshot> {
  const startedAt = options.context.clock.now()
  const shared = createSharedWork()
  const outcomes = await Promise.all(
    selected.map(async (probe) => [probe.id, await runProbe(probe, options, shared)] as const),
  )
  const probes = Object.fromEntries(outcomes)
  const os = probes.os?.status === 'ok' ? (probes.os.facts as OsFacts) : null
  return {
    kind: 'ward-hygiene/facts',
    schemaVersion: FACTS_SCHEMA_VERSION,
    collectedAt: startedAt.toISOString(),
    agent: { version: options.agentVersion },
    device: deviceOf(options.context.host, os),
    probes,
  }
}

async function runProbe(probe: Probe, options: CollectOptions, shared: SharedWork): Promise<ProbeOutcome> {
  const { context } = options
  const timeoutMs = probe.timeoutMsOn?.[context.host.platform] ?? probe.timeoutMs
  const collect = probe.collect[context.host.platform]
  if (!collect) return { status: 'unsupported', reason: `no ${probe.id} probe for ${context.host.platform} yet` }
  options.onProgress?.({ probe: probe.id, phase: 'start' })
  const controller = new AbortController()
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new ProbeFailure(`timed out after ${timeoutMs / 1000} s`))
    }, timeoutMs)
  })
  try {
    const facts = await Promise.race([collect({ ...context, signal: controller.signal, shared }), timeout])
    const checked = probe.schema.safeParse(facts)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      return error(started, `produced facts that do not fit its schema (${issue?.path.join('.') ?? '?'}: ${issue?.message})`)
    }
    return { status: 'ok', durationMs: elapsed(started), facts: checked.data }
  } catch (failure) {
    return error(started, failure instanceof Error ? failure.message : String(failure))
  } finally {
    clearTimeout(timer)
    options.onProgress?.({ probe: probe.id, phase: 'end' })
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started)

function error(started: number, reason: string): ProbeOutcome {
  return { status: 'error', durationMs: elapsed(started), reason }
}

/** When the OS gives no machine id, the hostname is the best stable key left; it is hashed too. */
function deviceOf(host: Host, os: OsFacts | null): Device {
  return {
    id: os?.machineIdHash ?? hashMachineId(`hostname:${host.platform}/${host.hostname}`),
    hostname: host.hostname,
    os: {
      platform: host.platform,
      name: os?.name ?? host.platform,
      version: os?.version ?? null,
      build: os?.build ?? null,
    },
  }
}
