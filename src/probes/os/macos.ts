// macOS identity: the release from SystemVersion.plist and a hash of the IOPlatformUUID.
import { readSystemVersion } from '../macos/system-version.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { hashMachineId } from './machine-id.js'
import type { OsFacts } from './schema.js'

/** `ioreg -rd1 -c IOPlatformExpertDevice` prints it as `"IOPlatformUUID" = "UUID"` (platform reference §3.3). */
const PLATFORM_UUID = /"IOPlatformUUID"\s*=\s*"([0-9A-Fa-f-]+)"/
const IOREG_TIMEOUT_MS = 3_000

export async function collectMacosOs(ctx: ProbeContext): Promise<OsFacts> {
  const [release, platformUuid] = await Promise.all([readSystemVersion(ctx), readPlatformUuid(ctx)])
  if ('reason' in release) throw new ProbeFailure(`the macOS release cannot be read (${release.reason})`)
  const version = [release.version, release.versionExtra].filter(Boolean).join(' ') || null
  const build = release.build && `(${release.build})`
  const name = [release.productName ?? 'macOS', version, build].filter(Boolean).join(' ')
  return {
    platform: 'macos',
    id: 'macos',
    idLike: [],
    name,
    // The end-of-life table is matched on the major version; a "(a)" suffix is only shown in the name.
    version: release.version,
    build: release.build,
    codename: null,
    edition: null,
    kernel: ctx.host.kernel,
    arch: ctx.host.arch,
    hostname: ctx.host.hostname,
    supportEndsOn: null,
    machineIdHash: platformUuid ? hashMachineId(platformUuid) : null,
  }
}

/** The raw UUID never leaves this function: only its hash is kept. */
async function readPlatformUuid(ctx: ProbeContext): Promise<string | null> {
  const result = await ctx.run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], { timeoutMs: IOREG_TIMEOUT_MS })
  return result.exitCode === 0 ? (PLATFORM_UUID.exec(result.stdout)?.[1] ?? null) : null
}
