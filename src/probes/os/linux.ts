import { readFile } from 'node:fs/promises'
import { systemPath } from '../../core/host.js'
import type { ProbeContext } from '../probe.js'
import { hashMachineId } from './machine-id.js'
import { parseOsRelease } from './os-release.js'
import type { OsFacts } from './schema.js'

async function readFirst(ctx: ProbeContext, paths: string[]): Promise<string | null> {
  for (const candidate of paths) {
    try {
      return await readFile(systemPath(ctx.host, candidate), 'utf8')
    } catch {
      // try the next location
    }
  }
  return null
}

export async function collectLinuxOs(ctx: ProbeContext): Promise<OsFacts> {
  const release = parseOsRelease((await readFirst(ctx, ['/etc/os-release', '/usr/lib/os-release'])) ?? '')
  const machineId = (await readFirst(ctx, ['/etc/machine-id', '/var/lib/dbus/machine-id']))?.trim()
  const supportEnd = release.SUPPORT_END
  return {
    platform: 'linux',
    id: release.ID ?? 'linux',
    idLike: (release.ID_LIKE ?? '').split(/\s+/).filter(Boolean),
    name: release.PRETTY_NAME ?? release.NAME ?? 'Linux',
    version: release.VERSION_ID ?? null,
    build: null,
    codename: release.VERSION_CODENAME ?? null,
    edition: null,
    kernel: ctx.host.kernel,
    arch: ctx.host.arch,
    hostname: ctx.host.hostname,
    supportEndsOn: supportEnd && /^\d{4}-\d{2}-\d{2}$/.test(supportEnd) ? supportEnd : null,
    machineIdHash: machineId ? hashMachineId(machineId) : null,
  }
}
