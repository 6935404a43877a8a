/**
 * BitLocker on the Windows system drive, from the shared PowerShell run (platform-reference §5.2): the
 * Win32_EncryptableVolume class when the run is elevated (it refuses anyone else), otherwise the
 * System.Volume.BitLockerProtection property Explorer draws its lock icon from. Never manage-bde: it is
 * localized and needs administrator rights too.
 */
import type { ProbeContext } from '../probe.js'
import { EncryptionSectionSchema, windowsSection, type EncryptionSection } from '../windows/windows-facts.js'
import type { EncryptionFacts } from './schema.js'

type State = EncryptionFacts['systemVolume']['state']

/**
 * System.Volume.BitLockerProtection: 1 on, 2 off (Windows' own "Turn on BitLocker" verb applies to 2), 6 on and
 * locked (the unlock verb applies to 6); 3 encrypting, 4 decrypting and 5 suspended are the commonly cited
 * meanings, UNVERIFIED (Appendix D #2). Anything else (8 "waiting for activation", none) is unknown.
 */
const SHELL_STATES: Record<number, State> = {
  1: 'on',
  2: 'off',
  3: 'encrypting',
  4: 'decrypting',
  5: 'suspended',
  6: 'on',
}

/** GetConversionStatus: 0 fully decrypted, 1 fully encrypted, 2/4 encrypting (4 paused), 3/5 decrypting. */
const CONVERSION_STATES: Record<number, State> = {
  0: 'off',
  2: 'encrypting',
  3: 'decrypting',
  4: 'encrypting',
  5: 'decrypting',
}
const FULLY_ENCRYPTED = 1
/** ProtectionStatus of a fully encrypted volume: 0 is a key in the clear (suspended), 2 cannot be told. */
const PROTECTION_STATES: Record<number, State> = { 0: 'suspended', 1: 'on' }

export async function collectWindowsEncryption(ctx: ProbeContext): Promise<EncryptionFacts> {
  return windowsEncryptionFacts(await windowsSection(ctx, 'encryption', EncryptionSectionSchema))
}

export function windowsEncryptionFacts(section: EncryptionSection): EncryptionFacts {
  const problems: string[] = []
  const { shell, volume, systemDrive } = section
  if (volume && !volume.ok) problems.push(`Win32_EncryptableVolume: ${volume.error}`)
  if (!shell.ok) problems.push(`Explorer's BitLocker property: ${shell.error}`)
  const protection = shell.ok ? shell.data.protection : null
  const state =
    (volume?.ok ? volumeState(volume.data) : null) ??
    (protection === null ? undefined : SHELL_STATES[protection]) ??
    'unknown'
  // Only an elevated run reads Win32_EncryptableVolume: without it, an unanswered shell leaves the state unknown.
  const needsAdmin = state === 'unknown' && volume === null
  if (state === 'unknown' && shell.ok) {
    const given = `Explorer gave ${protection === null ? 'no BitLocker state' : `BitLocker state ${protection}`}`
    problems.push(`${given} for ${systemDrive}${needsAdmin ? ', and the rest needs administrator rights' : ''}`)
  }
  return {
    systemVolume: {
      mount: systemDrive,
      method: state === 'unknown' ? null : state === 'off' ? 'none' : 'bitlocker',
      encrypted: state === 'unknown' ? null : state === 'on',
      state,
      needsAdmin,
    },
    problems,
  }
}

function volumeState(volume: { protectionStatus: number | null; conversionStatus: number | null }): State | null {
  const { conversionStatus, protectionStatus } = volume
  if (conversionStatus === null) return null
  if (conversionStatus !== FULLY_ENCRYPTED) return CONVERSION_STATES[conversionStatus] ?? null
  return protectionStatus === null ? null : (PROTECTION_STATES[protectionStatus] ?? null)
}
