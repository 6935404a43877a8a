/**
 * Samba's file sharing on Linux: the SMB1 floor and the shares of smb.conf(5), and the user shares
 * a file manager creates ("Share this folder": `net usershare`, one small file each).
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import { lastValue, parseKeyFile, type KeyFileEntry } from '../accounts/key-file-linux.js'
import { readSystemText } from '../accounts/system-text-linux.js'
import type { ProbeContext } from '../probe.js'
import { exists } from '../updates/system-files.js'
import type { SharingFacts } from './schema.js'

export interface SambaSharing {
  smb1Enabled: boolean | null
  shares: SharingFacts['shares']
  problems: string[]
}

const SMB_CONF = '/etc/samba/smb.conf'
/** Debian's and Fedora's build default for `usershare path`. */
const USERSHARE_DIR = '/var/lib/samba/usershares'
/** Sections that are settings or printers, not folders. */
const NOT_FOLDERS = new Set(['global', 'printers', 'print$'])
/** Protocol floors below SMB2 (smb.conf(5) "server min protocol"); unset, Samba ≥ 4.11 starts at SMB2_02. */
const SMB1_PROTOCOLS = /^(core|coreplus|lanman1|lanman2|nt1)$/i

/** smb.conf(5): names ignore case and spaces ("guest ok" = "GuestOK"). */
const foldSmbName = (name: string): string => name.toLowerCase().replace(/\s+/g, '')

/** Samba's booleans: yes/no, true/false, 1/0. */
const smbTrue = (value: string | undefined): boolean => /^(yes|true|1)$/i.test(value ?? '')

/** Without smbd nothing is served, whatever smb.conf (also installed by Samba's client tools) says. */
export async function readSamba(ctx: ProbeContext): Promise<SambaSharing> {
  if (!(await exists(ctx, '/usr/sbin/smbd'))) return { smb1Enabled: false, shares: [], problems: [] }
  const text = await readSystemText(ctx, SMB_CONF)
  if (text === null) return { smb1Enabled: null, shares: [], problems: [`${SMB_CONF} cannot be read`] }
  // Keys are folded; section names keep their spelling, since a share's name is shown as written.
  const entries = parseKeyFile(text).map((entry) => ({ ...entry, key: foldSmbName(entry.key) }))
  const global = (key: string): string | undefined => lastValue(entries, (section) => foldSmbName(section) === 'global', key)
  // "min protocol" is the older name of "server min protocol".
  const floor = global('serverminprotocol') ?? global('minprotocol')
  const users = await userShares(ctx, global('usersharepath') ?? USERSHARE_DIR)
  return {
    smb1Enabled: floor !== undefined && SMB1_PROTOCOLS.test(floor),
    shares: [...confShares(entries), ...users.shares],
    problems: users.problems,
  }
}

function confShares(entries: KeyFileEntry[]): SharingFacts['shares'] {
  // One share per folded name (sections are case- and space-insensitive), named as first written.
  const names = new Map<string, string>()
  for (const { section } of entries) if (!names.has(foldSmbName(section))) names.set(foldSmbName(section), section)
  return [...names].flatMap(([folded, name]) => {
    if (!folded || NOT_FOLDERS.has(folded)) return []
    const value = (key: string): string | undefined => lastValue(entries, (section) => foldSmbName(section) === folded, key)
    if (value('available') !== undefined && !smbTrue(value('available'))) return []
    // "public" is a synonym of "guest ok": no password is asked.
    return [{ name, path: value('path') ?? null, openToEveryone: smbTrue(value('guestok')) || smbTrue(value('public')) }]
  })
}

/**
 * `#VERSION 2`, `path=`, `comment=`, `usershare_acl=`, `guest_ok=y|n`, `sharename=` (samba
 * source3/utils/net_usershare.c). The folder is root:sambashare 1770 on Debian: others cannot list it.
 */
async function userShares(ctx: ProbeContext, dir: string): Promise<Omit<SambaSharing, 'smb1Enabled'>> {
  let names: string[]
  try {
    names = (await readdir(systemPath(ctx.host, dir))).sort()
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return { shares: [], problems: [] }
    return { shares: [], problems: [`${dir}: user shares cannot be listed (${code ?? 'error'}); root can`] }
  }
  const texts = await Promise.all(names.map((name) => readSystemText(ctx, path.posix.join(dir, name))))
  const shares = names.flatMap((name, index) => {
    const entries = parseKeyFile(texts[index] ?? '')
    const value = (key: string): string | undefined => lastValue(entries, () => true, key)
    if (value('path') === undefined) return []
    return [{ name: value('sharename') ?? name, path: value('path') ?? null, openToEveryone: value('guest_ok') === 'y' }]
  })
  return { shares, problems: [] }
}
