/**
 * `software.browser-outdated`: each installed browser's major version against the current major in
 * rules/data/software.yaml, counting the releases shipped since the table was recorded (one every
 * `cadenceDays`). A Firefox on a supported Extended Support Release is current. Browsers the table
 * does not know (Opera, Brave: their numbers do not follow Chromium's) are not judged.
 */
import { daysBetween } from '../../core/clock.js'
import type { SoftwareFacts } from '../../probes/software/schema.js'
import type { Evaluator } from './evaluator.js'

export const browserCurrency: Evaluator = {
  name: 'browser-currency',
  probes: ['software'],
  params: { maxMajorsBehind: 'number' },
  evaluate({ facts, params, data, now }) {
    const software = facts.software as SoftwareFacts
    const table = data.software
    const released = Math.max(0, Math.floor(daysBetween(new Date(`${table.recorded}T00:00:00Z`), now) / table.browsers.cadenceDays))
    const maxBehind = Number(params.maxMajorsBehind)
    const judged = software.browsers.flatMap((browser) => {
      const recordedMajor = table.browsers.current[browser.browser]
      if (recordedMajor === undefined) return []
      const current = recordedMajor + released
      const esr = table.browsers.esr[browser.browser] ?? []
      const behind = browser.major === null ? null : esr.includes(browser.major) ? 0 : current - browser.major
      return [{ browser: browser.browser, version: browser.version, current, behind }]
    })
    const outdated = judged.filter((browser) => browser.behind !== null && browser.behind > maxBehind)
    const unknown = judged.some((browser) => browser.behind === null)
    return {
      passed: outdated.length > 0 ? false : unknown ? null : true,
      warn: false,
      evidence: { browsers: judged, outdated: outdated.map((b) => `${b.browser} ${b.version ?? '?'}`), tableRecordedOn: table.recorded },
    }
  },
}
