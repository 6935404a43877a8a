/** Where the agent keeps its own files: the per-user config and data folders of each platform. */
import path from 'node:path'
import type { Host } from './host.js'

const APP = 'hygiene'

export function configDir(host: Host): string {
  const { env, homeDir } = host
  switch (host.platform) {
    case 'windows':
      return path.win32.join(env.APPDATA ?? path.win32.join(homeDir, 'AppData', 'Roaming'), APP)
    case 'macos':
      return path.join(homeDir, 'Library', 'Application Support', APP)
    case 'linux':
      return path.join(env.XDG_CONFIG_HOME || path.join(homeDir, '.config'), APP)
  }
}

export function dataDir(host: Host): string {
  const { env, homeDir } = host
  switch (host.platform) {
    case 'windows':
      return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(homeDir, 'AppData', 'Local'), APP)
    case 'macos':
      return path.join(homeDir, 'Library', 'Application Support', APP)
    case 'linux':
      return path.join(env.XDG_DATA_HOME || path.join(homeDir, '.local', 'share'), APP)
  }
}

export function defaultConfigFile(host: Host): string {
  return path.join(configDir(host), 'config.yaml')
}
