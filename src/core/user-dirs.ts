/** Where the agent keeps its own files: the per-user config and data folders of each platform. */
import path from 'node:path'
import type { Host } from './host.js'

const APP = 'hygiene'

/** Paths of the host's own kind, so Windows paths are right even when computed elsewhere (tests). */
export function hostPath(host: Host): path.PlatformPath {
  return host.platform === 'windows' ? path.win32 : path.posix
}

export function configDir(host: Host): string {
  const { env, homeDir } = host
  const p = hostPath(host)
  switch (host.platform) {
    case 'windows':
      return p.join(env.APPDATA ?? p.join(homeDir, 'AppData', 'Roaming'), APP)
    case 'macos':
      return p.join(homeDir, 'Library', 'Application Support', APP)
    case 'linux':
      return p.join(env.XDG_CONFIG_HOME || p.join(homeDir, '.config'), APP)
  }
}

export function dataDir(host: Host): string {
  const { env, homeDir } = host
  const p = hostPath(host)
  switch (host.platform) {
    case 'windows':
      return p.join(env.LOCALAPPDATA ?? p.join(homeDir, 'AppData', 'Local'), APP)
    case 'macos':
      return p.join(homeDir, 'Library', 'Application Support', APP)
    case 'linux':
      return p.join(env.XDG_DATA_HOME || p.join(homeDir, '.local', 'share'), APP)
  }
}

export function defaultConfigFile(host: Host): string {
  return hostPath(host).join(configDir(host), 'config.yaml')
}
