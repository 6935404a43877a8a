// Reads a property list file of the system, XML or binary, under the host's system root.
import { readFile } from 'node:fs/promises'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import { describeFailure } from '../../core/runner.js'
import type { ProbeContext } from '../probe.js'
import { parsePlist, PlistError, type PlistValue } from './plist.js'

export type PlistRead =
  | { state: 'ok'; value: PlistValue }
  /** missing: no such file; unreadable: refused (EPERM without Full Disk Access), not a plist, plutil failed. */
  | { state: 'missing' | 'unreadable'; reason: string }

/** Binary plists start with this magic (CFBinaryPList.c); anything else is read as XML. */
const BINARY_MAGIC = 'bplist'
const PLUTIL_TIMEOUT_MS = 5_000

/**
 * The file's value. Binary plists are converted by `plutil -convert xml1 -o - FILE`, which writes
 * the XML to stdout (plutil(1); tldr-pages osx/plutil). JSON is not used: it cannot hold the
 * `<date>` and `<data>` values preference files are full of.
 */
export async function readPlistFile(ctx: ProbeContext, absolutePath: string): Promise<PlistRead> {
  const file = systemPath(ctx.host, absolutePath)
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = errorCode(error)
    return { state: code === 'ENOENT' ? 'missing' : 'unreadable', reason: `${absolutePath}: ${code ?? 'unreadable'}` }
  }
  let xml = bytes.toString('utf8')
  if (bytes.subarray(0, BINARY_MAGIC.length).toString('latin1') === BINARY_MAGIC) {
    const args = ['-convert', 'xml1', '-o', '-', file]
    const result = await ctx.run('plutil', args, { timeoutMs: PLUTIL_TIMEOUT_MS })
    if (result.exitCode !== 0 || result.timedOut) {
      return { state: 'unreadable', reason: describeFailure(['plutil', ...args].join(' '), result) }
    }
    xml = result.stdout
  }
  try {
    return { state: 'ok', value: parsePlist(xml) }
  } catch (error) {
    if (error instanceof PlistError) return { state: 'unreadable', reason: `${absolutePath}: ${error.message}` }
    throw error
  }
}
