/**
 * Linux has no AutoRun: no desktop starts a program from an inserted drive by itself. GNOME at
 * most offers to run a medium's autorun script and waits for the user to press "Run"
 * (`autorun-never`: "never prompt nor autorun/autostart programs", gsettings-desktop-schemas
 * org.gnome.desktop.media-handling), so `autorunEnabled` is false. AutoPlay, the desktop opening a
 * drive or offering actions when it is inserted, is read from GNOME's media-handling settings.
 */
import type { ProbeContext } from '../probe.js'
import { linuxDesktop } from '../screenlock/desktop-linux.js'
import { gvariantBoolean, readGSettings } from '../screenlock/gsettings-linux.js'
import type { AutorunFacts } from './schema.js'

const MEDIA_HANDLING = 'org.gnome.desktop.media-handling'

export async function collectLinuxAutorun(ctx: ProbeContext): Promise<AutorunFacts> {
  const desktop = await linuxDesktop(ctx)
  if (!desktop) return { autorunEnabled: null, autoplayEnabled: null, source: null }
  if (desktop.kind !== 'gnome' || desktop.notOwnSession) return { autorunEnabled: false, autoplayEnabled: null, source: null }
  const read = await readGSettings(ctx, MEDIA_HANDLING)
  if (!read.ok) return { autorunEnabled: false, autoplayEnabled: null, source: null }
  const setting = (key: string): boolean | null => gvariantBoolean(read.values.get(key))
  const autorunNever = setting('autorun-never')
  // A prompt or an action on insertion (autorun-never false), or a folder window opened on each mount.
  const prompts = autorunNever === null ? null : !autorunNever
  return {
    autorunEnabled: false,
    autoplayEnabled: either(prompts, both(setting('automount'), setting('automount-open'))),
    source: `gsettings ${MEDIA_HANDLING}`,
  }
}

function either(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true
  return a === null || b === null ? null : false
}

function both(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false
  return a === null || b === null ? null : true
}
