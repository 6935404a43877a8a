/**
 * Whether a graphical desktop runs on this Linux PC, which one, and whether it is the session of the
 * account running hygiene: its per-user settings (gsettings, ~/.config) are only that account's.
 * Read from the environment of a desktop session, else from the session processes in /proc.
 */
import { stat } from 'node:fs/promises'
import { systemPath } from '../../core/host.js'
import { parsePasswd } from '../accounts/shadow.js'
import { readSystemText } from '../accounts/system-text-linux.js'
import type { ProbeContext } from '../probe.js'
import { commName, linuxProcesses, type LinuxProcess } from '../software/processes-linux.js'

export type DesktopKind = 'gnome' | 'kde' | 'xfce' | 'other'

export interface LinuxDesktop {
  kind: DesktopKind
  /** XDG_CURRENT_DESKTOP or the session process, for messages. */
  name: string
  /** Why this account's settings are not the desktop's; null when they are. */
  notOwnSession: string | null
}

/** The process that runs each desktop's session (its shell or session manager). */
const SESSION_PROCESSES: ReadonlyArray<[string, DesktopKind]> = [
  ['gnome-shell', 'gnome'],
  ['plasmashell', 'kde'],
  ['xfce4-session', 'xfce'],
  ['cinnamon-session', 'other'],
  ['mate-session', 'other'],
  ['lxqt-session', 'other'],
]

export function linuxDesktop(ctx: ProbeContext): Promise<LinuxDesktop | null> {
  return ctx.shared.once('linux-desktop', () => detectDesktop(ctx))
}

async function detectDesktop(ctx: ProbeContext): Promise<LinuxDesktop | null> {
  const { XDG_SESSION_TYPE: sessionType, XDG_CURRENT_DESKTOP: current } = ctx.host.env
  const session = await sessionProcess(ctx)
  // pam_systemd sets XDG_SESSION_TYPE in a login session: x11 or wayland on a desktop, tty over ssh.
  if (sessionType === 'x11' || sessionType === 'wayland') {
    if (current) return { kind: kindOf(current), name: current, notOwnSession: null }
    return { kind: session?.kind ?? 'other', name: session?.process.name ?? sessionType, notOwnSession: null }
  }
  if (!session) return null
  const notOwnSession = await otherOwner(ctx, session.process)
  return { kind: session.kind, name: session.process.name, notOwnSession }
}

/** `GNOME`, `ubuntu:GNOME`, `KDE`, `XFCE`, `X-Cinnamon`... (the desktop entry spec's list, `:`-separated). */
function kindOf(currentDesktop: string): DesktopKind {
  const names = currentDesktop.toLowerCase().split(':')
  if (names.includes('gnome')) return 'gnome'
  if (names.includes('kde')) return 'kde'
  if (names.includes('xfce')) return 'xfce'
  return 'other'
}

async function sessionProcess(ctx: ProbeContext): Promise<{ process: LinuxProcess; kind: DesktopKind } | null> {
  const processes = (await linuxProcesses(ctx)) ?? []
  for (const [name, kind] of SESSION_PROCESSES) {
    const process = processes.find((candidate) => candidate.name === commName(name))
    if (process) return { process, kind }
  }
  return null
}

/** The reason the session belongs to someone else, or null when it is this account's (/proc/<pid> is owned by its uid). */
async function otherOwner(ctx: ProbeContext, process: LinuxProcess): Promise<string | null> {
  const [owner, passwd] = await Promise.all([
    stat(systemPath(ctx.host, `/proc/${process.pid}`)).then(
      (info) => info.uid,
      () => null,
    ),
    readSystemText(ctx, '/etc/passwd'),
  ])
  const self = parsePasswd(passwd ?? '').find((entry) => entry.name === ctx.host.userName)
  if (owner !== null && owner === self?.uid) return null
  return (
    `the desktop session (${process.name}) belongs to another account (uid ${owner ?? 'unknown'}); ` +
    `run hygiene as that user to read its settings`
  )
}
