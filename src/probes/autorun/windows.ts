/**
 * AutoRun and AutoPlay on Windows from the shared PowerShell run, registry only, no admin rights.
 *
 * AutoRun (programs named in autorun.inf) is governed by the Explorer policies NoDriveTypeAutoRun, a mask of
 * drive types it is off for (0x04 removable, 0x20 CD-ROM, 0xFF all; the "Turn off AutoPlay" policy writes 0xB5
 * or 0xFF), and NoAutorun = 1 ("Do not execute any autorun commands"). Without either, Windows behaves as 0x91,
 * which leaves both removable and CD-ROM drives on (KB967715's table gives 0x91 for Vista and Server 2008; the
 * same for Windows 10 and 11 is UNVERIFIED). Since
 * Windows 7 autorun.inf is ignored on USB sticks whatever the mask (Engineering Windows 7 blog, "Improvements to
 * AutoPlay", 2009), but still honoured on CDs, DVDs and USB devices that present themselves as one: so a PC
 * left at the default counts as AutoRun on.
 *
 * AutoPlay (the dialog or default action on insertion) is off when the user turned it off (AutoplayHandlers
 * DisableAutoplay = 1) or the same policy mask covers removable and CD-ROM drives.
 */
import type { ProbeContext } from '../probe.js'
import { AutorunSectionSchema, windowsSection, type AutorunSection } from '../windows/windows-facts.js'
import type { AutorunFacts } from './schema.js'

const DRIVE_REMOVABLE = 0x04
const DRIVE_CDROM = 0x20
const REMOVABLE_MEDIA = DRIVE_REMOVABLE | DRIVE_CDROM
const WINDOWS_DEFAULT = 0x91
const EXPLORER_POLICIES = 'Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer'
const AUTOPLAY_HANDLERS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\AutoplayHandlers'

export async function collectWindowsAutorun(ctx: ProbeContext): Promise<AutorunFacts> {
  return windowsAutorunFacts(await windowsSection(ctx, 'autorun', AutorunSectionSchema))
}

export function windowsAutorunFacts(section: AutorunSection): AutorunFacts {
  const { machine, user } = section
  // The computer policy wins over the user's when both are set (UNVERIFIED: the "Turn off AutoPlay" help text).
  const maskHive = machine.noDriveTypeAutoRun !== null ? 'HKLM' : user.noDriveTypeAutoRun !== null ? 'HKCU' : null
  const mask = machine.noDriveTypeAutoRun ?? user.noDriveTypeAutoRun ?? WINDOWS_DEFAULT
  const noAutorunHive = machine.noAutorun === 1 ? 'HKLM' : user.noAutorun === 1 ? 'HKCU' : null
  const maskCovers = (mask & REMOVABLE_MEDIA) === REMOVABLE_MEDIA
  const sources = [
    maskHive ? `${maskHive}\\${EXPLORER_POLICIES}\\NoDriveTypeAutoRun` : 'NoDriveTypeAutoRun unset (default 0x91)',
    ...(noAutorunHive ? [`${noAutorunHive}\\${EXPLORER_POLICIES}\\NoAutorun`] : []),
    ...(section.disableAutoplay === null ? [] : [`${AUTOPLAY_HANDLERS}\\DisableAutoplay`]),
  ]
  return {
    autorunEnabled: noAutorunHive === null && !maskCovers,
    autoplayEnabled: section.disableAutoplay !== 1 && !maskCovers,
    source: sources.join('; '),
  }
}
