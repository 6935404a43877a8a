// Parses `softwareupdate -l` (macOS 10.15 and later) and sorts its items: security fix, other update or upgrade.
import { majorVersion } from '../macos/system-version.js'

export interface PendingItem {
  label: string
  title: string | null
  version: string | null
}

export type ItemKind = 'security' | 'other' | 'upgrade'

/**
 * Each item is a `* Label: <label>` line followed by a line of `Key: value,` pairs:
 * `Title: Safari, Version: 17.6, Size: 152370KiB, Recommended: YES, [Action: restart,]` (munki's
 * appleupdatesTests.swift; the listing in platform reference §3.3). softwareupdate's own log lines
 * may come in between (`2024-09-09 11:07:46.969 softwareupdate[…] XType: …`, in munki's sample).
 */
const LABEL_LINE = /^\s*\*\s*Label:\s*(.+?)\s*$/
const TITLE = /^\s*Title:\s*(.*?),\s*Version:/
const VERSION = /(?:^|,)\s*Version:\s*([^,]*?)\s*,/
/**
 * Printed on stderr when nothing is pending; the exit status is then 0 or 1 depending on the release
 * (elliotweiser/ansible-osx-command-line-tools#12, #65).
 */
const NOTHING_PENDING = 'No new software available.'

/** The pending items; an empty list for "No new software available."; null when the output is neither. */
export function parseSoftwareUpdateList(output: string): PendingItem[] | null {
  const items: PendingItem[] = []
  let current: PendingItem | null = null
  for (const line of output.split('\n')) {
    const label = LABEL_LINE.exec(line)?.[1]
    if (label !== undefined) {
      current = { label, title: null, version: null }
      items.push(current)
      continue
    }
    const title = TITLE.exec(line)?.[1]
    if (current && current.title === null && title !== undefined) {
      current.title = title.trim()
      current.version = VERSION.exec(line)?.[1] ?? null
    }
  }
  if (items.length > 0) return items
  return output.includes(NOTHING_PENDING) ? [] : null
}

/**
 * - An update of the running major release ("macOS Sequoia 15.7.2" on 15.1, and its "(a)" Rapid
 *   Security Response or Background Security Improvement) is a security fix: Apple ships its
 *   security content in these.
 * - A newer major release offered ("macOS Tahoe 26.1" on 15) is an upgrade, not a missing patch
 *   (platform reference §3.3); the release's own support is the `updates.os-supported` rule's job.
 * - Anything titled a security update, and Safari, whose releases carry WebKit's security fixes
 *   (Apple's security notes list Safari 17.3, 26.3, ... with their CVEs), are security fixes.
 * - The rest (Command Line Tools, printer drivers) are other updates.
 * With the running release unknown, every macOS item counts as a security fix: no patch is hidden.
 */
export function classifyItem(item: PendingItem, runningMajor: number | null): ItemKind {
  const name = item.title ?? item.label
  if (/^macOS\b/i.test(name)) {
    const itemMajor = majorVersion(item.version)
    return runningMajor !== null && itemMajor !== null && itemMajor > runningMajor ? 'upgrade' : 'security'
  }
  if (/\bSecurity\b/i.test(name) || /^Safari\b/i.test(name)) return 'security'
  return 'other'
}

/** The item's title with its version when the title does not already hold it ("Safari 17.6"). */
export function itemName(item: PendingItem): string {
  const title = item.title ?? item.label
  return item.version && !title.includes(item.version) ? `${title} ${item.version}` : title
}
