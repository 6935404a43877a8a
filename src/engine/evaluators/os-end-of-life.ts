/**
 * `updates.os-supported`: looks the running OS up in rules/data/end-of-life.yaml. A vendor's own
 * date (Fedora's SUPPORT_END) wins over the table. Regular support → pass; only extended support
 * left (Debian LTS, Ubuntu ESM, Windows ESU) → warn; past every date → fail; a release the table
 * does not know → unknown.
 */
import { daysBetween } from '../../core/clock.js'
import type { OsFacts } from '../../probes/os/schema.js'
import type { EndOfLifeTable, SupportEntry } from '../engine-data.js'
import type { Evaluator } from './evaluator.js'

/** Windows EditionID → the column of Microsoft's lifecycle table that applies. */
export function editionClass(editionId: string | null): 'consumer' | 'business' | 'ltsc' {
  if (!editionId) return 'consumer'
  if (/^(IoT)?EnterpriseS/i.test(editionId)) return 'ltsc'
  if (/^(Enterprise|Education|IoTEnterprise)/i.test(editionId)) return 'business'
  return 'consumer'
}

export function findSupportEntry(table: EndOfLifeTable, os: OsFacts): SupportEntry | null {
  const candidates = table.releases.filter((entry) => entry.platform === os.platform)
  switch (os.platform) {
    case 'linux':
      return (
        candidates.find((entry) => [os.id, ...os.idLike].includes(entry.id ?? '') && entry.version === os.version) ??
        null
      )
    case 'windows': {
      const edition = editionClass(os.edition)
      return candidates.find((entry) => entry.build === os.build && (entry.editions ?? []).includes(edition)) ?? null
    }
    case 'macos': {
      const major = (os.version ?? '').split('.')[0]
      return candidates.find((entry) => entry.version === major) ?? null
    }
  }
}

/** How each kind of extended support is known to users. */
const EXTENDED_SUPPORT_NAMES = { lts: 'LTS', esm: 'ESM (Ubuntu Pro)', esu: 'ESU' } as const

const endOfDay = (isoDate: string): Date => new Date(`${isoDate}T23:59:59Z`)

export const osEndOfLife: Evaluator = {
  name: 'os-end-of-life',
  probes: ['os'],
  params: {},
  evaluate({ facts, data, now }) {
    const os = facts.os as OsFacts
    const entry = findSupportEntry(data.endOfLife, os)
    const ends = os.supportEndsOn ?? entry?.ends ?? null
    const evidence: Record<string, unknown> = {
      os: os.name,
      release: entry?.name ?? os.name,
      supportEndsOn: ends,
      extendedSupportEndsOn: entry?.extended?.ends ?? null,
      extendedSupportKind: entry?.extended ? EXTENDED_SUPPORT_NAMES[entry.extended.kind] : null,
      source: os.supportEndsOn ? 'vendor' : entry ? 'table' : null,
      tableCheckedOn: data.endOfLife.checked,
    }
    if (!ends) return { passed: null, warn: false, evidence }
    const daysLeft = daysBetween(now, endOfDay(ends))
    evidence.daysLeft = daysLeft
    if (daysLeft >= 0) return { passed: true, warn: false, evidence }
    const extendedEnds = os.supportEndsOn ? null : entry?.extended?.ends
    if (extendedEnds && daysBetween(now, endOfDay(extendedEnds)) >= 0) return { passed: true, warn: true, evidence }
    return { passed: false, warn: false, evidence }
  },
}
