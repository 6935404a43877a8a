// Windows identity from the shared PowerShell run: build, edition, display version (platform-reference §3.1.1).
import type { Host } from '../../core/host.js'
import type { ProbeContext } from '../probe.js'
import { OsSectionSchema, windowsSection, type OsSection } from '../windows/windows-facts.js'
import { hashMachineId } from './machine-id.js'
import type { OsFacts } from './schema.js'

/** Windows 11 still says "Windows 10" in ProductName; its builds start at 22000 (libuv PR #3718, gopsutil#1143). */
const FIRST_WINDOWS_11_BUILD = 22_000

/** PROCESSOR_ARCHITECTURE of the 64-bit PowerShell, in Node's names. */
const ARCHITECTURES: Record<string, string> = { AMD64: 'x64', ARM64: 'arm64', x86: 'ia32' }

export async function collectWindowsOs(ctx: ProbeContext): Promise<OsFacts> {
  return windowsOsFacts(await windowsSection(ctx, 'os', OsSectionSchema), ctx.host)
}

export function windowsOsFacts(section: OsSection, host: Host): OsFacts {
  const windows11 = Number(section.currentBuild) >= FIRST_WINDOWS_11_BUILD
  const product = section.productName ?? `Windows ${windows11 ? 11 : 10}`
  const name = windows11 ? product.replace(/^Windows 10\b/, 'Windows 11') : product
  // ReleaseId stays "2009" from 20H2 on, where DisplayVersion exists (MeshCentral#3201).
  const version = section.displayVersion ?? section.releaseId
  return {
    platform: 'windows',
    id: 'windows',
    idLike: [],
    name: version ? `${name} ${version}` : name,
    version,
    build: section.currentBuild,
    codename: null,
    edition: section.editionId,
    kernel: withRevision(host.kernel, section),
    arch: (section.architecture && ARCHITECTURES[section.architecture]) ?? host.arch,
    hostname: host.hostname,
    supportEndsOn: null,
    machineIdHash: section.machineGuid ? hashMachineId(section.machineGuid) : null,
  }
}

/** os.release() ("10.0.26100") with the patch revision (UBR) added, as `ver` prints it: "10.0.26100.4351". */
function withRevision(kernel: string, section: OsSection): string {
  return section.ubr !== null && kernel.endsWith(`.${section.currentBuild}`) ? `${kernel}.${section.ubr}` : kernel
}
