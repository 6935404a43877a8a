/**
 * `hygiene check` without the CLI: gather the facts the planned rules need (or read a snapshot),
 * judge them and build the report. Read-only on the machine; the only write is the agent's own
 * cache folder.
 */
import path from 'node:path'
import { dataDir } from '../core/user-dirs.js'
import { t } from '../i18n/index.js'
import { evaluateRules } from '../engine/evaluate.js'
import { planRules, type PlannedRule } from '../engine/plan.js'
import { buildReport } from '../report/build-report.js'
import type { Report } from '../report/schema.js'
import { collectFacts } from '../probes/collect.js'
import type { ProbeSettings } from '../probes/probe.js'
import { readSnapshot } from '../probes/read-snapshot.js'
import { probes } from '../probes/registry.js'
import type { FactsSnapshot } from '../probes/snapshot.js'
import type { AgentDeps, Session } from './session.js'
import { agentVersion } from './version.js'

export interface CheckOptions {
  only?: string[]
  skip?: string[]
  /** Evaluate this saved snapshot instead of this machine. */
  factsFile?: string
  onProgress?: (event: { probe: string; phase: 'start' | 'end' }) => void
}

/**
 * A clock set in the past makes old passwords and backups look new. The support table's check
 * date is a day this copy of hygiene already knows to have passed, so an earlier "now" is wrong.
 */
export function clockNotices(now: Date, session: Session): Report['notices'] {
  const knownPassed = session.data.endOfLife.checked
  if (now.getTime() >= new Date(`${knownPassed}T00:00:00Z`).getTime()) return []
  return [
    {
      code: 'clock-behind',
      message: t(session.lang, 'notice.clockBehind', { now: now.toISOString().slice(0, 10), known: knownPassed }),
    },
  ]
}

export const DEFAULT_DOWNLOADS_MAX_DEPTH = 8
export const DEFAULT_DOWNLOADS_MAX_ENTRIES = 200_000

export function probeSettings(session: Session): ProbeSettings {
  const { config } = session.config
  return {
    backupPaths: config.backup?.paths ?? [],
    downloadsExtraPaths: config.downloads?.extraPaths ?? [],
    downloadsMaxDepth: config.downloads?.maxDepth ?? DEFAULT_DOWNLOADS_MAX_DEPTH,
    downloadsMaxEntries: config.downloads?.maxEntries ?? DEFAULT_DOWNLOADS_MAX_ENTRIES,
  }
}

export function plan(session: Session, options: Pick<CheckOptions, 'only' | 'skip'>): PlannedRule[] {
  return planRules(session.rules, {
    profile: session.profile,
    config: session.config.config.rules,
    only: options.only,
    skip: options.skip,
  })
}

/** Gathers facts from this machine: the given probes, plus `os` which names the device. */
export async function gatherFacts(
  session: Session,
  deps: AgentDeps,
  probeIds: Iterable<string>,
  onProgress?: CheckOptions['onProgress'],
): Promise<FactsSnapshot> {
  const wanted = new Set(['os', ...probeIds])
  return collectFacts(
    probes.filter((probe) => wanted.has(probe.id)),
    {
      context: {
        host: deps.host,
        run: deps.run,
        clock: deps.clock,
        settings: probeSettings(session),
        cacheDir: path.join(dataDir(deps.host), 'cache'),
      },
      agentVersion: agentVersion(),
      onProgress,
    },
  )
}

export async function runCheck(session: Session, deps: AgentDeps, options: CheckOptions = {}): Promise<Report> {
  const planned = plan(session, options)
  let snapshot: FactsSnapshot
  if (options.factsFile) {
    snapshot = await readSnapshot(options.factsFile)
  } else {
    const needed = planned
      .filter((p) => !p.skipped && p.rule.platforms.includes(deps.host.platform))
      .flatMap((p) => p.rule.probes)
    snapshot = await gatherFacts(session, deps, needed, options.onProgress)
  }
  const results = evaluateRules(planned, {
    platform: snapshot.device.os.platform,
    lang: session.lang,
    data: session.data,
    now: deps.clock.now(),
    probes: snapshot.probes,
  })
  return buildReport({
    unit: session.config.config.server?.unit,
    user: options.factsFile ? undefined : deps.host.userName,
    notices: clockNotices(deps.clock.now(), session),
    results,
    snapshot,
    factsSource: options.factsFile ? 'file' : 'collected',
    profile: session.profile.name,
    lang: session.lang,
    clock: deps.clock,
    agentVersion: agentVersion(),
  })
}
