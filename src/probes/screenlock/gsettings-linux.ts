/**
 * GNOME settings as the desktop user sees them, one `gsettings list-recursively SCHEMA` per schema.
 * gsettings reads the user's dconf database (~/.config/dconf/user); run as another account it
 * returns that account's values, or the schema defaults (platform-reference §5.3, dconf pitfall).
 */
import { describeFailure } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'
import { exists } from '../updates/system-files.js'

const GSETTINGS_TIMEOUT_MS = 3_000

export type GSettingsRead = { ok: true; values: Map<string, string> } | { ok: false; problem: string }

/** The schema's keys and their GVariant text (`uint32 300`, `true`, `'gnome'`), or why they could not be read. */
export async function readGSettings(ctx: ProbeContext, schema: string): Promise<GSettingsRead> {
  // Without the schema file gsettings fails with "No such schema": the desktop is not GNOME's.
  if (!(await exists(ctx, `/usr/share/glib-2.0/schemas/${schema}.gschema.xml`))) {
    return { ok: false, problem: `${schema}: schema not installed` }
  }
  const result = await ctx.run('gsettings', ['list-recursively', schema], { timeoutMs: GSETTINGS_TIMEOUT_MS })
  if (result.exitCode !== 0) return { ok: false, problem: describeFailure('gsettings', result) }
  const values = new Map<string, string>()
  for (const line of result.stdout.split('\n')) {
    // `org.gnome.desktop.session idle-delay uint32 300`
    const match = /^(\S+) (\S+) (.*)$/.exec(line)
    if (match?.[1] === schema) values.set(match[2]!, match[3]!)
  }
  return { ok: true, values }
}

export function gvariantBoolean(value: string | undefined): boolean | null {
  return value === 'true' ? true : value === 'false' ? false : null
}

/** `uint32 300` (gsettings prints the type of unsigned integers) or a plain `300`. */
export function gvariantUint(value: string | undefined): number | null {
  const match = /^(?:uint32 )?(\d+)$/.exec(value ?? '')
  return match ? Number(match[1]) : null
}
