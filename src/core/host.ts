/**
 * The machine as probes see it. Every absolute system path goes through `systemPath`, so tests
 * point `systemRoot` at a temp directory holding recorded files (etc/shadow, etc/os-release, ...).
 */
import os from 'node:os'
import path from 'node:path'
import { platformOf, type Platform } from './platform.js'

export interface Host {
  platform: Platform
  /** '/' on a real machine; a temp directory in tests. */
  systemRoot: string
  homeDir: string
  userName: string
  hostname: string
  arch: string
  /** Kernel release (`uname -r`); the Windows and macOS build come from their own probes. */
  kernel: string
  env: Readonly<Record<string, string | undefined>>
}

export function systemPath(host: Host, absolutePath: string): string {
  return host.systemRoot === '/' ? absolutePath : path.join(host.systemRoot, absolutePath)
}

/** The real host, or null on a platform the agent does not support. */
export function currentHost(env: NodeJS.ProcessEnv = process.env): Host | null {
  const platform = platformOf(process.platform)
  if (!platform) return null
  let userName = env.USER ?? env.USERNAME ?? ''
  try {
    userName = os.userInfo().username
  } catch {
    // no passwd entry for this uid (a container); the environment is the best we have
  }
  return {
    platform,
    systemRoot: '/',
    homeDir: env.HOME && platform !== 'windows' ? env.HOME : os.homedir(),
    userName,
    hostname: os.hostname(),
    arch: process.arch,
    kernel: os.release(),
    env,
  }
}
