/**
 * Keys an administrator locked in dconf, so the user cannot change them: one key path per line in
 * /etc/dconf/db/<database>.d/locks/* (GNOME System Administration Guide, "Lock down specific settings").
 */
import path from 'node:path'
import { readSystemText } from '../accounts/system-text-linux.js'
import type { ProbeContext } from '../probe.js'
import { listDir } from '../updates/system-files.js'

const DCONF_DB = '/etc/dconf/db'

export async function dconfLockedKeys(ctx: ProbeContext): Promise<Set<string>> {
  const databases = (await listDir(ctx, DCONF_DB)).filter((name) => name.endsWith('.d'))
  const lockFiles = await Promise.all(
    databases.map(async (database) => {
      const dir = path.posix.join(DCONF_DB, database, 'locks')
      return (await listDir(ctx, dir)).map((name) => path.posix.join(dir, name))
    }),
  )
  const texts = await Promise.all(lockFiles.flat().map((file) => readSystemText(ctx, file)))
  const keys = texts.flatMap((text) => (text ?? '').split('\n').map((line) => line.trim()))
  return new Set(keys.filter((key) => key.startsWith('/')))
}

/** `/org/gnome/desktop/session/idle-delay` is locked by itself or by a locked folder above it (`/org/gnome/desktop/`). */
export function isLocked(locked: Set<string>, key: string): boolean {
  return [...locked].some((lock) => lock === key || (lock.endsWith('/') && key.startsWith(lock)))
}
