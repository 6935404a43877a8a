/**
 * `software.office-unsupported`: each office suite against the end-of-support dates in
 * rules/data/software.yaml. Microsoft 365 is always current. A LibreOffice branch older than every
 * branch in the table is past its end; a newer one is current. WPS Office has no published dates
 * and is not judged.
 */
import type { SoftwareFacts } from '../../probes/software/schema.js'
import type { Evaluator } from './evaluator.js'

type Suite = SoftwareFacts['office'][number]

export const officeSupport: Evaluator = {
  name: 'office-support',
  probes: ['software'],
  params: {},
  evaluate({ facts, data, now }) {
    const software = facts.software as SoftwareFacts
    const today = now.toISOString().slice(0, 10)
    const ends = (suite: Suite): string | 'current' | null => {
      if (suite.release === null) return null
      if (suite.suite === 'microsoft-office') return suite.release === '365' ? 'current' : (data.software.office.microsoft[suite.release] ?? null)
      if (suite.suite !== 'libreoffice') return 'current'
      const table = data.software.office.libreoffice
      const known = table[suite.release]
      if (known) return known
      const branches = Object.keys(table).sort(compareBranches)
      if (branches.length === 0) return null
      return compareBranches(suite.release, branches[0]!) < 0 ? table[branches[0]!]! : 'current'
    }
    const judged = software.office
      .filter((suite) => suite.suite !== 'wps-office')
      .map((suite) => ({ name: suite.name, release: suite.release, supportEndsOn: ends(suite) }))
    const unsupported = judged.filter((suite) => suite.supportEndsOn !== null && suite.supportEndsOn !== 'current' && suite.supportEndsOn < today)
    const unknown = judged.some((suite) => suite.supportEndsOn === null)
    return {
      passed: unsupported.length > 0 ? false : unknown ? null : true,
      warn: false,
      evidence: { suites: judged, unsupported: unsupported.map((suite) => suite.name), tableRecordedOn: data.software.recorded },
    }
  },
}

function compareBranches(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number)
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number)
  return aMajor - bMajor || aMinor - bMinor
}
