/** Where files came from on macOS: the `com.apple.quarantine` attribute, read with xattr for many files at once. */
import type { ProbeContext } from '../probe.js'
import type { FileOrigin, OriginLookup } from './scan.js'

const ATTRIBUTE = 'com.apple.quarantine'
/** Paths per xattr process: far below the argument limit even for long paths. */
const FILES_PER_CALL = 200
const CALL_TIMEOUT_MS = 10_000
/**
 * `flags;hex time;agent;UUID`, e.g. `0083;5991b778;Safari.app;BC4DFC58-…` (eclecticlight.co,
 * "xattr: com.apple.quarantine"). QTN_FLAG_DOWNLOAD (0x0001) marks a download: browsers write 0083,
 * AirDrop 0081. A sandboxed app opening a local document also quarantines it, without that bit
 * (eclecticlight.co, "Sandboxing makes quarantine flags almost meaningless"); the flag values are
 * from libquarantine's qtn_flags as HackTricks and a FreeBSD quarantine.h shim reproduce them.
 */
const QUARANTINE = /^([0-9A-Fa-f]{1,4});/
const QTN_FLAG_DOWNLOAD = 0x0001
/** The URL is kept in the user's QuarantineEventsV2 database, not in the attribute: only the mark is reported. */
const DOWNLOADED: FileOrigin = { url: null, zoneId: null }

/**
 * The files among `paths` that a browser, mail or messenger app downloaded. `checked` is false when
 * xattr is missing or fails; its exit status 1 only says some file had no such attribute. With no
 * paths no process is started.
 */
export async function readQuarantineOrigins(ctx: ProbeContext, paths: readonly string[]): Promise<OriginLookup> {
  const origins = new Map<string, FileOrigin>()
  const chunks = Array.from({ length: Math.ceil(paths.length / FILES_PER_CALL) }, (_, index) =>
    paths.slice(index * FILES_PER_CALL, (index + 1) * FILES_PER_CALL),
  )
  for (const chunk of chunks) {
    if (ctx.signal.aborted) return { checked: false, origins }
    const result = await ctx.run('xattr', ['-p', ATTRIBUTE, ...chunk], { timeoutMs: CALL_TIMEOUT_MS })
    const answered = !result.timedOut && !result.outputCapped && (result.exitCode === 0 || result.exitCode === 1)
    if (!answered) return { checked: false, origins }
    for (const [file, value] of parseXattrValues(result.stdout, chunk)) {
      if (isDownloadMark(value)) origins.set(file, DOWNLOADED)
    }
  }
  return { checked: true, origins }
}

/**
 * `xattr -p NAME FILE…` → file → value. With several files each value is printed as `FILE: value`,
 * in argument order, and a file without the attribute prints nothing on stdout (only
 * `xattr: FILE: No such xattr: NAME` on stderr); with one file the value comes alone (Apple's
 * xattr.c, `get_filename_prefix`). Files are matched in order, so a name holding `: ` or a newline
 * cannot be mistaken for another.
 */
export function parseXattrValues(stdout: string, files: readonly string[]): Map<string, string> {
  const values = new Map<string, string>()
  if (files.length === 1) {
    const value = stdout.split('\n')[0] ?? ''
    if (value !== '') values.set(files[0]!, value)
    return values
  }
  let cursor = 0
  for (const file of files) {
    const prefix = `${file}: `
    if (!stdout.startsWith(prefix, cursor)) continue
    const end = stdout.indexOf('\n', cursor + prefix.length)
    values.set(file, stdout.slice(cursor + prefix.length, end < 0 ? undefined : end))
    cursor = end < 0 ? stdout.length : end + 1
  }
  return values
}

export function isDownloadMark(value: string): boolean {
  const flags = QUARANTINE.exec(value)?.[1]
  return flags !== undefined && (parseInt(flags, 16) & QTN_FLAG_DOWNLOAD) !== 0
}
