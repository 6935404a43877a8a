// Parsers for the macOS sharing sources: launchd's service overrides and the directory's share points.
import { dsclStrings, parseDsclRecords } from '../macos/dscl-records.js'
import type { SharingFacts } from './schema.js'

/**
 * `launchctl print-disabled system` lists the services whose launchd default was overridden, the
 * way the Sharing switches turn them on or off: `"com.apple.screensharing" => enabled` since macOS
 * 11, `=> false` (not disabled) before (Mondoo's parser tests; the NIST macOS security baseline greps
 * `"com.apple.screensharing" => disabled`). A service absent from the list keeps its plist's default,
 * which is off for every sharing service (a public Swift security checkup reads it so). Null when the
 * output is not that list: an empty answer must not read as "everything off".
 */
export function parseLaunchdOverrides(stdout: string): Map<string, boolean> | null {
  const start = stdout.indexOf('disabled services = {')
  if (start < 0) return null
  const block = stdout.slice(start, stdout.indexOf('}', start) + 1)
  const enabled = new Map<string, boolean>()
  for (const [, label, value] of block.matchAll(/^\s*"([^"]+)" => (enabled|disabled|true|false)\s*$/gm)) {
    enabled.set(label!, value === 'enabled' || value === 'false')
  }
  return enabled
}

export type Share = SharingFacts['shares'][number]

/**
 * The folders shared over SMB among `dscl -plist . -readall /SharePoints` records (readable without
 * administrator rights): `smb_shared` 1, named by `smb_name`, at `directory_path`, open to guests
 * when `smb_guestaccess` is 1 (attribute names from a capture on macOS 26.5.2 in a public test suite,
 * and from OpenZFS on macOS, which reads the same records rather than `sharing -l`'s "peculiar" text).
 */
export function parseSharePoints(stdout: string): Share[] {
  return parseDsclRecords(stdout).flatMap((record) => {
    if (dsclStrings(record, 'smb_shared')[0] !== '1') return []
    const name = dsclStrings(record, 'smb_name')[0] ?? dsclStrings(record, 'RecordName')[0]
    if (name === undefined) return []
    const share: Share = {
      name,
      path: dsclStrings(record, 'directory_path')[0] ?? null,
      openToEveryone: dsclStrings(record, 'smb_guestaccess')[0] === '1',
    }
    return [share]
  })
}
