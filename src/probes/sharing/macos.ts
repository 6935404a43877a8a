/**
 * macOS sharing: Screen Sharing and Remote Management (someone can watch and drive this Mac), File
 * Sharing's SMB server with its shared folders, and whether that server speaks SMB 1.
 */
import { readFile } from 'node:fs/promises'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import { PlistError, booleanAt, isDict, numberAt, type PlistDict } from '../macos/plist.js'
import { readPlistFile } from '../macos/plist-file.js'
import { readSources, runTool, unexpectedOutput, type ToolCall } from '../macos/run-tool.js'
import type { ProbeContext } from '../probe.js'
import type { SharingFacts } from './schema.js'
import { parseLaunchdOverrides, parseSharePoints, type Share } from './services-macos.js'

const LAUNCHD_OVERRIDES: ToolCall = { command: 'launchctl', args: ['print-disabled', 'system'], timeoutMs: 5_000 }
const SCREEN_SHARING = 'com.apple.screensharing'
/** File Sharing over SMB; AFP is gone since macOS 13 (no AFP server binary in Ventura, Netatalk/netatalk#281). */
const FILE_SHARING = 'com.apple.smbd'
/**
 * Turning Remote Management (Apple Remote Desktop) on writes "enabled" into this file, since OS X
 * 10.11 (a Puppet module's check; Mondoo's and a Swift checkup's readers). It runs its own screen
 * sharing, whatever com.apple.screensharing says.
 */
const REMOTE_MANAGEMENT = '/Library/Application Support/Apple/Remote Desktop/RemoteManagement.launchd'
const SHARE_POINTS: ToolCall = { command: 'dscl', args: ['-plist', '.', '-readall', '/SharePoints'], timeoutMs: 5_000 }
/**
 * The SMB server's preferences: `AllowGuestAccess` (CIS "guest access to shared folders"), and
 * `ProtocolVersionMap`, the dialects it accepts as bits, 1 SMB 1, 2 SMB 2, 4 SMB 3 (an Apple support
 * article on denying SMB 3, as a public gist copies it). So the Mac's own server can speak SMB 1; with
 * the key unset its default is not documented.
 */
const SMB_SERVER_PLIST = '/Library/Preferences/SystemConfiguration/com.apple.smb.server.plist'
const SMB1_BIT = 1

export async function collectMacosSharing(ctx: ProbeContext): Promise<SharingFacts> {
  const switches = await readSources([
    (noted: string[]) => launchdOverrides(ctx, noted),
    (noted: string[]) => remoteManagementOn(ctx, noted),
  ])
  const [services, remoteManagement] = switches.values
  const screenSharing = services ? services.get(SCREEN_SHARING) === true : null
  const fileSharing = services ? services.get(FILE_SHARING) === true : null
  const fileServer = await readFileServer(ctx, fileSharing)
  const [server, shares] = fileServer.values
  const problems = [...switches.problems, ...fileServer.problems]
  return {
    smb1Enabled: fileSharing === false ? false : smb1(server, fileSharing, problems),
    remoteDesktop: {
      enabled: anyOn(remoteManagement, screenSharing),
      networkLevelAuthentication: null,
      service: remoteManagement ? 'Remote Management' : screenSharing ? 'Screen Sharing' : null,
    },
    shares: shares.map((share) => ({ ...share, openToEveryone: share.openToEveryone && guestsAllowed(server) })),
    problems,
  }
}

/** The SMB server's settings and shared folders; not read when File Sharing is off, as nothing is served then. */
async function readFileServer(
  ctx: ProbeContext,
  fileSharing: boolean | null,
): Promise<{ values: readonly [PlistDict | null, Share[]]; problems: string[] }> {
  if (fileSharing === false) return { values: [null, []], problems: [] }
  return readSources([(noted: string[]) => smbServer(ctx, noted), (noted: string[]) => sharePoints(ctx, noted)])
}

async function launchdOverrides(ctx: ProbeContext, problems: string[]): Promise<Map<string, boolean> | null> {
  const result = await runTool(ctx, LAUNCHD_OVERRIDES, problems)
  if (!result) return null
  const overrides = parseLaunchdOverrides(result.stdout)
  if (!overrides) problems.push(unexpectedOutput(LAUNCHD_OVERRIDES, result.stdout + result.stderr))
  return overrides
}

async function remoteManagementOn(ctx: ProbeContext, problems: string[]): Promise<boolean | null> {
  try {
    return (await readFile(systemPath(ctx.host, REMOTE_MANAGEMENT), 'utf8')).trim() === 'enabled'
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ENOENT') return false
    problems.push(`${REMOTE_MANAGEMENT}: ${code ?? 'unreadable'}`)
    return null
  }
}

/** The server's preferences; null when they are not there (never configured) or unreadable (said in `problems`). */
async function smbServer(ctx: ProbeContext, problems: string[]): Promise<PlistDict | null> {
  const read = await readPlistFile(ctx, SMB_SERVER_PLIST)
  if (read.state === 'unreadable') problems.push(read.reason)
  return read.state === 'ok' && isDict(read.value) ? read.value : null
}

async function sharePoints(ctx: ProbeContext, problems: string[]): Promise<Share[]> {
  const result = await runTool(ctx, SHARE_POINTS, problems)
  if (!result) return []
  try {
    return parseSharePoints(result.stdout)
  } catch (error) {
    if (!(error instanceof PlistError)) throw error
    problems.push(`${unexpectedOutput(SHARE_POINTS, result.stdout)}: ${error.message}`)
    return []
  }
}

function smb1(server: PlistDict | null, fileSharing: boolean | null, problems: string[]): boolean | null {
  const dialects = numberAt(server, 'ProtocolVersionMap')
  if (fileSharing && dialects === null) {
    problems.push(`${SMB_SERVER_PLIST}: no ProtocolVersionMap, so the SMB dialects File Sharing accepts are not known`)
  }
  return fileSharing === null || dialects === null ? null : (dialects & SMB1_BIT) !== 0
}

function anyOn(...switches: Array<boolean | null>): boolean | null {
  return switches.includes(true) ? true : switches.includes(null) ? null : false
}

/** A share's guest flag counts unless the server refuses guests altogether. */
function guestsAllowed(server: PlistDict | null): boolean {
  return booleanAt(server, 'AllowGuestAccess') !== false
}
