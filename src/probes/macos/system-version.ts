// The running macOS release from SystemVersion.plist, read as a file: no process is started.
import type { ProbeContext } from '../probe.js'
import { isDict, stringAt } from './plist.js'
import { readPlistFile } from './plist-file.js'

/**
 * An XML plist with ProductName, ProductVersion and ProductBuildVersion (its text is quoted in
 * sindresorhus/macos-version#10). A process started with SYSTEM_VERSION_COMPAT=1 is shown the
 * compatibility copy instead, "10.16" on any release since 11 (osquery/osquery#6840).
 */
export const SYSTEM_VERSION_PLIST = '/System/Library/CoreServices/SystemVersion.plist'

export interface SystemVersion {
  /** "macOS" since 11, "Mac OS X" before. */
  productName: string | null
  /** "15.1" */
  version: string | null
  /** "24B83" */
  build: string | null
  /** "(a)" after a Rapid Security Response or Background Security Improvement (unverified in this file). */
  versionExtra: string | null
}

/** The release, or why the file could not be read. */
export async function readSystemVersion(ctx: ProbeContext): Promise<SystemVersion | { reason: string }> {
  const read = await readPlistFile(ctx, SYSTEM_VERSION_PLIST)
  if (read.state !== 'ok') return { reason: read.reason }
  if (!isDict(read.value)) return { reason: `${SYSTEM_VERSION_PLIST}: not a dictionary` }
  return {
    productName: stringAt(read.value, 'ProductName'),
    version: stringAt(read.value, 'ProductVersion'),
    build: stringAt(read.value, 'ProductBuildVersion'),
    versionExtra: stringAt(read.value, 'ProductVersionExtra'),
  }
}

/** 15 for "15.1", 26 for "26", null for anything else. */
export function majorVersion(version: string | null): number | null {
  const major = /^(\d+)(?:\.|$)/.exec(version?.trim() ?? '')?.[1]
  return major === undefined ? null : Number(major)
}
