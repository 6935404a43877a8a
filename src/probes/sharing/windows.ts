/**
 * What a Windows PC offers the network, from the shared PowerShell run: SMB1 (platform-reference §5.5), Remote
 * Desktop and its Network Level Authentication (§5.6), and the folders it shares with who may open them.
 * Shares and their permissions come from the LanmanServer registry key, as the Server service stores them.
 */
import type { ProbeContext } from '../probe.js'
import { SharingSectionSchema, windowsSection, type Share, type SharingSection } from '../windows/windows-facts.js'
import type { SharingFacts } from './schema.js'

/** Win32_OptionalFeature InstallState: 1 Enabled, 2 Disabled, 3 Absent, 4 Unknown. */
const FEATURE_STATES: Record<number, boolean> = { 1: true, 2: false, 3: false }
/** The mrxsmb10 driver's Start value 4 is "disabled"; without the key the SMB1 client is not installed. */
const SERVICE_DISABLED = 4
/** STYPE_DISKTREE: a shared folder (printers are 1). */
const DISK_SHARE = 0
/**
 * Principals that let anyone on the network in: Everyone, Anonymous Logon, Guests, and the Guest account
 * (RID 501 of any domain, the machine's own included).
 */
const OPEN_SIDS = new Set(['S-1-1-0', 'S-1-5-7', 'S-1-5-32-546'])
const GUEST_RID = /^S-1-5-21-\d+-\d+-\d+-501$/

export async function collectWindowsSharing(ctx: ProbeContext): Promise<SharingFacts> {
  return windowsSharingFacts(await windowsSection(ctx, 'sharing', SharingSectionSchema))
}

export function windowsSharingFacts(section: SharingSection): SharingFacts {
  const problems: string[] = []
  const { smb1, shares } = section
  if (!smb1.feature.ok) problems.push(`SMB1 feature state: ${smb1.feature.error}`)
  if (!smb1.server.ok) problems.push(`SMB server configuration: ${smb1.server.error}`)
  if (!shares.ok) problems.push(`shared folders: ${shares.error}`)
  const list = shares.ok ? shares.data.shares.flatMap((share) => diskShare(share, problems)) : []
  return { smb1Enabled: smb1Enabled(section), remoteDesktop: remoteDesktop(section), shares: list, problems }
}

/**
 * On when any part of SMB1 is on: the optional feature, the server's protocol switch, or the client driver.
 * Off only when the client driver is off and the feature or the server setting says off too.
 */
function smb1Enabled({ smb1 }: SharingSection): boolean | null {
  const state = smb1.feature.ok ? smb1.feature.data.installState : null
  const feature = state === null ? undefined : FEATURE_STATES[state]
  const server = smb1.server.ok ? smb1.server.data.enabled : undefined
  const client = smb1.clientStart !== null && smb1.clientStart !== SERVICE_DISABLED
  if (feature === true || server === true || client) return true
  return feature === false || server === false ? false : null
}

/** The policy value wins over the local one (§5.6); NLA is asked for unless UserAuthentication is 0. */
function remoteDesktop({ remoteDesktop: rdp }: SharingSection): SharingFacts['remoteDesktop'] {
  const deny = rdp.policyDeny ?? rdp.deny
  const userAuthentication = rdp.policyUserAuthentication ?? rdp.userAuthentication
  return {
    // Windows ships with fDenyTSConnections = 1: a missing value is read as off.
    enabled: deny === 0,
    networkLevelAuthentication: deny === 0 && userAuthentication !== null ? userAuthentication !== 0 : null,
    service: 'rdp',
  }
}

/**
 * A folder share, with who may open it. A name ending in `$` only hides it from browsing: anyone
 * who knows the name still reaches it (the drive and ADMIN$ shares are not kept in this key).
 */
function diskShare(share: Share, problems: string[]): SharingFacts['shares'] {
  const fields = new Map(share.definition.map((line) => line.split(/=(.*)/s, 2) as [string, string | undefined]))
  if (Number(fields.get('Type')) !== DISK_SHARE) return []
  const { access } = share
  if (!access.ok) problems.push(`permissions of share ${share.name}: ${access.error}`)
  else if (!access.data.recorded) problems.push(`permissions of share ${share.name}: none recorded`)
  const open =
    access.ok && access.data.recorded
      ? access.data.nullDacl || access.data.allowed.some((sid) => OPEN_SIDS.has(sid) || GUEST_RID.test(sid))
      : null
  return [{ name: share.name, path: fields.get('Path') || null, openToEveryone: open }]
}
