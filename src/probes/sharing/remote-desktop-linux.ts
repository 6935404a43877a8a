/**
 * Servers that let someone use this PC's desktop from elsewhere: xrdp (RDP) and the VNC servers.
 * One counts when it runs now (/proc) or its systemd unit is enabled to start (a `.wants` link).
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import type { ProbeContext } from '../probe.js'
import { commName, linuxProcesses } from '../software/processes-linux.js'
import { listDir } from '../updates/system-files.js'
import type { SharingFacts } from './schema.js'

interface Server {
  service: string
  processes: string[]
  /** Names of its systemd units (templates such as `tigervncserver@:1.service` by prefix). */
  unit: RegExp
}

const SERVERS: Server[] = [
  { service: 'xrdp', processes: ['xrdp'], unit: /^xrdp\.service$/ },
  { service: 'x11vnc', processes: ['x11vnc'], unit: /^x11vnc\.service$/ },
  // Debian's tigervnc-standalone-server runs Xtigervnc; Fedora's tigervnc-server runs Xvnc.
  { service: 'tigervnc', processes: ['Xtigervnc', 'Xvnc'], unit: /^(tigervncserver|vncserver)@.*\.service$/ },
  { service: 'vino', processes: ['vino-server'], unit: /^vino-server\.service$/ },
  { service: 'gnome-remote-desktop', processes: ['gnome-remote-desktop-daemon'], unit: /^gnome-remote-desktop\.service$/ },
  { service: 'krfb', processes: ['krfb'], unit: /^krfb\.service$/ },
]

/** System units start with the machine; GNOME's Sharing panel enables its user unit in the user's own folder. */
const SYSTEM_WANTS = ['/etc/systemd/system/multi-user.target.wants', '/etc/systemd/system/graphical.target.wants']
const USER_WANTS = ['default.target.wants', 'graphical-session.target.wants', 'gnome-session.target.wants']

export async function readRemoteDesktop(
  ctx: ProbeContext,
): Promise<{ remoteDesktop: SharingFacts['remoteDesktop']; problems: string[] }> {
  const userUnits = path.posix.join(ctx.host.env.XDG_CONFIG_HOME || path.posix.join(ctx.host.homeDir, '.config'), 'systemd/user')
  const [processes, systemLinks, userLinks] = await Promise.all([
    linuxProcesses(ctx),
    Promise.all(SYSTEM_WANTS.map((dir) => listDir(ctx, dir))),
    // The home folder is not under the system root.
    Promise.all(USER_WANTS.map((dir) => readdir(path.posix.join(userUnits, dir)).catch((): string[] => []))),
  ])
  const units = [...systemLinks.flat(), ...userLinks.flat()]
  const names = new Set((processes ?? []).map((process) => process.name))
  const server = SERVERS.find(
    (candidate) => candidate.processes.some((name) => names.has(commName(name))) || units.some((unit) => candidate.unit.test(unit)),
  )
  const unknown = !server && !processes
  return {
    remoteDesktop: { enabled: unknown ? null : server !== undefined, networkLevelAuthentication: null, service: server?.service ?? null },
    problems: unknown ? ['/proc cannot be listed: running remote desktop servers unknown'] : [],
  }
}
