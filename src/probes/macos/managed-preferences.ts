// Settings a configuration profile enforces, as macOS writes them to /Library/Managed Preferences.
import path from 'node:path'
import type { ProbeContext } from '../probe.js'
import { isDict, type PlistDict, type PlistValue } from './plist.js'
import { readPlistFile } from './plist-file.js'

/**
 * A profile's payload for a domain lands in `/Library/Managed Preferences/<domain>.plist` for the
 * whole Mac and in `…/<user>/<domain>.plist` for one user; the user's file wins (how Awake and
 * other public tools merge them). Reading them needs no administrator rights.
 */
export const MANAGED_PREFERENCES = '/Library/Managed Preferences'

export interface ManagedPreferences {
  /** The enforced keys, empty when no profile sets this domain. */
  values: PlistDict
  /** A managed file exists but could not be read (its reason is in `problems`). */
  unreadable: boolean
}

export async function readManagedPreferences(
  ctx: ProbeContext,
  domain: string,
  problems: string[],
): Promise<ManagedPreferences> {
  const files = [
    path.posix.join(MANAGED_PREFERENCES, `${domain}.plist`),
    path.posix.join(MANAGED_PREFERENCES, ctx.host.userName, `${domain}.plist`),
  ]
  const values = new Map<string, PlistValue>()
  let unreadable = false
  for (const file of files) {
    const read = await readPlistFile(ctx, file)
    if (read.state === 'ok' && isDict(read.value)) {
      for (const [key, value] of read.value) values.set(key, value)
    } else if (read.state !== 'missing') {
      unreadable = true
      problems.push(read.state === 'ok' ? `${file}: not a dictionary` : read.reason)
    }
  }
  return { values, unreadable }
}
