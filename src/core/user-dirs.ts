/** Where the agent keeps its own files: the per-user config and data folders of each platform. */
import path from 'node:path'
import type { Host } from './host.js'

const APP = 'hygiene'

/** Paths of the host's own kind, so Windows paths are right even when computed elsewhere (tests). */
export function hostPath(host: Host): path.PlatformPath {
  return host.platform === 'windows' ? path.win32 : path.posix
}

/**
 * Config: %APPDATA% (roams with the user), ~/Library/Application Support, $XDG_CONFIG_HOME.
 * Data: %LOCALAPPDATA% (stays on this PC), the same folder on macOS, $XDG_DATA_HOME.
 */
function appDir(host: Host, kind: 'config' | 'data'): string {
  const { env, homeDir } = host
  const p = hostPath(host)
  switch (host.platform) {
    case 'windows':
      return kind === 'config'
        ? p.join(env.APPDATA ?? p.join(homeDir, 'AppData', 'Roaming'), APP)
        : p.join(env.LOCALAPPDATA ?? p.join(homeDir, 'AppData', 'Local'), APP)
    case 'macos':
      return p.join(homeDir, 'Library', 'Application Support', APP)
    case 'linux':
      return kind === 'config'
        ? p.join(env.XDG_CONFIG_HOME || p.join(homeDir, '.config'), APP)
        : p.join(env.XDG_DATA_HOME || p.join(homeDir, '.local', 'share'), APP)
  }
}

export const configDir = (host: Host): string => appDir(host, 'config')
export const dataDir = (host: Host): string => appDir(host, 'data')

export function defaultConfigFile(host: Host): string {
  return hostPath(host).join(configDir(host), 'config.yaml')
}
