/**
 * Linux sharing: Samba's SMB1 floor and shared folders, and remote desktop servers (xrdp, VNC).
 * Network Level Authentication is Windows' own: null here.
 */
import type { ProbeContext } from '../probe.js'
import { readRemoteDesktop } from './remote-desktop-linux.js'
import { readSamba } from './samba-linux.js'
import type { SharingFacts } from './schema.js'

export async function collectLinuxSharing(ctx: ProbeContext): Promise<SharingFacts> {
  const [samba, remote] = await Promise.all([readSamba(ctx), readRemoteDesktop(ctx)])
  return {
    smb1Enabled: samba.smb1Enabled,
    remoteDesktop: remote.remoteDesktop,
    shares: samba.shares,
    problems: [...samba.problems, ...remote.problems],
  }
}
