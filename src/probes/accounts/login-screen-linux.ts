/**
 * What the login screen lets happen on Linux: a guest session (LightDM) and automatic login (GDM,
 * LightDM, SDDM, or a text console logging a user in through agetty). Read from the display
 * managers' configuration files, which are world-readable; no process is started.
 */
import { anyExists, exists } from '../updates/system-files.js'
import type { ProbeContext } from '../probe.js'
import { keyFileBoolean, lastValue, parseKeyFile, type KeyFileEntry } from './key-file-linux.js'
import type { AccountsFacts } from './schema.js'
import { readConfigLayers, type ConfigFile } from './system-text-linux.js'

/**
 * GDM reads one file, chosen when it is built: /etc/gdm3/daemon.conf on Debian (seen in Debian 12's
 * gdm3 binary), /etc/gdm3/custom.conf on Ubuntu, /etc/gdm/custom.conf upstream and on Fedora.
 */
const GDM_FILES = ['/etc/gdm3/daemon.conf', '/etc/gdm3/custom.conf', '/etc/gdm/custom.conf']
/** LightDM's layers, later ones winning (lightdm.conf(5) and Debian's /usr/share/lightdm/lightdm.conf.d/01_debian.conf). */
const LIGHTDM_LAYERS = [
  '/usr/share/lightdm/lightdm.conf.d/*.conf',
  '/etc/xdg/lightdm/lightdm.conf.d/*.conf',
  '/etc/lightdm/lightdm.conf.d/*.conf',
  '/etc/lightdm/lightdm.conf',
]
/** sddm.conf(5): the system folder, the local folder, then the file kept for compatibility. */
const SDDM_LAYERS = ['/usr/lib/sddm/sddm.conf.d/*.conf', '/etc/sddm.conf.d/*.conf', '/etc/sddm.conf']
/** systemd drop-ins that give agetty `--autologin USER` on the first console (the usual kiosk set-up). */
const GETTY_LAYERS = ['/etc/systemd/system/getty@.service.d/*.conf', '/etc/systemd/system/getty@tty1.service.d/*.conf']
/** Where LightDM (started by systemd, with its default PATH) looks for its guest-account script. */
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']

export interface LoginScreen {
  guestEnabled: boolean | null
  autoLogon: AccountsFacts['autoLogon']
}

interface ParsedFile {
  path: string
  entries: KeyFileEntry[]
}

interface AutoLogin {
  user: string
  source: string
}

export async function readLoginScreen(ctx: ProbeContext): Promise<LoginScreen> {
  const [gdm, lightdm, sddm, getty, lightdmInstalled] = await Promise.all([
    readConfigLayers(ctx, GDM_FILES).then(parseAll),
    readConfigLayers(ctx, LIGHTDM_LAYERS).then(parseAll),
    readConfigLayers(ctx, SDDM_LAYERS).then(parseAll),
    readConfigLayers(ctx, GETTY_LAYERS).then(parseAll),
    exists(ctx, '/usr/sbin/lightdm'),
  ])
  const autoLogin = [
    ...gdm.flatMap(gdmAutoLogin),
    lastSet(lightdm, isLightdmSeat, 'autologin-user'),
    lastSet(sddm, (section) => section === 'Autologin', 'User'),
    ...getty.flatMap(gettyAutoLogin),
  ].find((candidate): candidate is AutoLogin => candidate !== null)
  const read = [...gdm, ...lightdm, ...sddm, ...getty].map((file) => file.path)
  return {
    guestEnabled: lightdmInstalled ? await lightdmGuest(ctx, lightdm) : false,
    autoLogon: {
      enabled: autoLogin !== undefined,
      user: autoLogin?.user ?? null,
      // Linux display managers keep no password for the account they log in.
      storedPassword: null,
      source: autoLogin?.source ?? (read.length ? read.join(', ') : null),
    },
  }
}

function parseAll(files: ConfigFile[]): ParsedFile[] {
  return files.map((file) => ({ path: file.path, entries: parseKeyFile(file.text) }))
}

/** LightDM's seat sections: `[Seat:*]`, `[Seat:seat0]`, and the older `[SeatDefaults]`. */
function isLightdmSeat(section: string): boolean {
  return section.startsWith('Seat:') || section === 'SeatDefaults'
}

/** The user set by the last file that sets `key` to a non-empty value. */
function lastSet(files: ParsedFile[], inSection: (section: string) => boolean, key: string): AutoLogin | null {
  let found: AutoLogin | null = null
  for (const file of files) {
    const value = lastValue(file.entries, inSection, key)
    if (value !== undefined) found = value === '' ? null : { user: value, source: file.path }
  }
  return found
}

/** `[daemon] AutomaticLoginEnable=true` + `AutomaticLogin=`, or the timed login that follows a delay on the login screen. */
const GDM_AUTO_LOGIN = [
  { flag: 'AutomaticLoginEnable', user: 'AutomaticLogin' },
  { flag: 'TimedLoginEnable', user: 'TimedLogin' },
] as const

function gdmAutoLogin(file: ParsedFile): AutoLogin[] {
  const inDaemon = (section: string): boolean => section === 'daemon'
  return GDM_AUTO_LOGIN.flatMap((keys) => {
    const user = lastValue(file.entries, inDaemon, keys.user)
    return keyFileBoolean(lastValue(file.entries, inDaemon, keys.flag)) && user ? [{ user, source: file.path }] : []
  })
}

/** `ExecStart=-/sbin/agetty --autologin alice --noclear %I $TERM` (agetty(8) `-a`, `--autologin`). */
function gettyAutoLogin(file: ParsedFile): AutoLogin[] {
  const execStart = lastValue(file.entries, (section) => section === 'Service', 'ExecStart')
  const user = /(?:^|\s)(?:--autologin|-a)[\s=]+(\S+)/.exec(execStart ?? '')?.[1]
  return user ? [{ user, source: file.path }] : []
}

/**
 * LightDM offers a guest session when `allow-guest` is true (its default) and its guest-account
 * script is found: lightdm `seat_get_allow_guest()` and `guest_account_is_installed()`
 * (canonical/lightdm src/seat.c, src/guest-account.c). Debian ships no such script, so a Debian
 * LightDM has no guest session unless one is added.
 */
async function lightdmGuest(ctx: ProbeContext, files: ParsedFile[]): Promise<boolean> {
  const entries = files.flatMap((file) => file.entries)
  if (keyFileBoolean(lastValue(entries, isLightdmSeat, 'allow-guest')) === false) return false
  const script = lastValue(entries, (section) => section === 'LightDM', 'guest-account-script') || 'guest-account'
  const candidates = script.startsWith('/') ? [script] : SYSTEM_PATH.map((dir) => `${dir}/${script}`)
  return anyExists(ctx, candidates)
}
