// Install, read and remove the scheduled check with the scheduler of the platform the agent runs on.
import { fileURLToPath } from 'node:url'
import { installLinux, removeLinux, statusLinux } from './linux.js'
import { installMacos, removeMacos, statusMacos } from './macos.js'
import { launchFor, type Installed, type Launcher, type Removed, type ScheduleDeps, type ScheduleInfo, type ScheduleRequest } from './plan.js'
import { installWindows, removeWindows, statusWindows } from './windows.js'

const SCHEDULERS = {
  windows: { install: installWindows, status: statusWindows, remove: removeWindows },
  linux: { install: installLinux, status: statusLinux, remove: removeLinux },
  macos: { install: installMacos, status: statusMacos, remove: removeMacos },
} as const

/** Replaces any earlier schedule: installing twice leaves one. */
export function installSchedule(deps: ScheduleDeps, request: ScheduleRequest, launcher: Launcher): Promise<Installed> {
  return SCHEDULERS[deps.host.platform].install(deps, { request, launch: launchFor(request, launcher, deps.host) })
}

export function scheduleStatus(deps: ScheduleDeps): Promise<ScheduleInfo | null> {
  return SCHEDULERS[deps.host.platform].status(deps)
}

export function removeSchedule(deps: ScheduleDeps): Promise<Removed[]> {
  return SCHEDULERS[deps.host.platform].remove(deps)
}

/**
 * The program this process runs as, for the schedule to run again: a single executable application
 * is its own program; otherwise node runs the package's bin script (from dist/schedule/, two levels down).
 */
export async function currentLauncher(): Promise<Launcher> {
  const sea = await import('node:sea').catch(() => null)
  if (sea?.isSea()) return { execPath: process.execPath, script: null }
  return { execPath: process.execPath, script: fileURLToPath(new URL('../../bin/hygiene.js', import.meta.url)) }
}
