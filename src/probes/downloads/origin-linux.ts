/** Where files came from on Linux: the freedesktop `user.xdg.origin.url` attribute, read with getfattr. */
import type { ProbeContext } from '../probe.js'
import type { FileOrigin, OriginLookup } from './scan.js'

/**
 * Node has no xattr API, so getfattr (package `attr`, often absent) reads them, many files per
 * process. `-e hex` prints values as plain hex, so quotes, backslashes and non-ASCII URLs need no
 * unquoting; `-m` with an anchored pattern prints nothing for a file without the attribute.
 */
const GETFATTR_ARGS = ['--absolute-names', '-d', '-e', 'hex', '-m', '^user\\.xdg\\.origin\\.url$', '--']
/** About 200 paths of 100-odd bytes, far below the kernel's argument limit even for long paths. */
const FILES_PER_CALL = 200
const CALL_TIMEOUT_MS = 10_000

/**
 * The origin URL of each of `paths` that records one. `checked` is false when getfattr is missing
 * or fails (timed out, unexpected exit); a nonzero exit of 1 only says some file had no readable
 * attributes (gone, a filesystem without xattrs) and still checks the others. With no paths there
 * is nothing to check and no process is started.
 */
export async function readLinuxOrigins(ctx: ProbeContext, paths: readonly string[]): Promise<OriginLookup> {
  const origins = new Map<string, FileOrigin>()
  const wanted = new Set(paths)
  for (let start = 0; start < paths.length; start += FILES_PER_CALL) {
    if (ctx.signal.aborted) return { checked: false, origins }
    const chunk = paths.slice(start, start + FILES_PER_CALL)
    const result = await ctx.run('getfattr', [...GETFATTR_ARGS, ...chunk], { timeoutMs: CALL_TIMEOUT_MS })
    if (result.notFound || result.timedOut || result.outputCapped || (result.exitCode !== 0 && result.exitCode !== 1)) {
      return { checked: false, origins }
    }
    for (const [file, url] of parseGetfattrDump(result.stdout)) {
      if (wanted.has(file)) origins.set(file, { url, zoneId: null })
    }
  }
  return { checked: true, origins }
}

/**
 * `getfattr -d -e hex` output → path → origin URL. Each file is a `# file: <path>` line followed
 * by `name=0x<hex>` lines. getfattr escapes bytes of the path as `\ooo` octal (attr 2.5 escapes
 * `\`, newline and carriage return; older releases also spaces and non-ASCII bytes), so the path
 * is decoded back to the bytes, then to UTF-8, and compares equal to the path that was passed.
 */
export function parseGetfattrDump(stdout: string): Map<string, string> {
  const urls = new Map<string, string>()
  let file: string | null = null
  for (const line of stdout.split('\n')) {
    if (line.startsWith('# file: ')) {
      file = unescapeOctal(line.slice('# file: '.length))
      continue
    }
    const hex = /^user\.xdg\.origin\.url=0x([0-9a-fA-F]+)$/.exec(line)?.[1]
    if (file !== null && hex !== undefined) urls.set(file, Buffer.from(hex, 'hex').toString('utf8'))
  }
  return urls
}

function unescapeOctal(text: string): string {
  if (!text.includes('\\')) return text
  const parts = text.split(/\\([0-7]{3})/)
  // split with a capture group alternates literal text (even indexes) and octal codes (odd indexes).
  const bytes = parts.map((part, index) => (index % 2 === 0 ? Buffer.from(part, 'utf8') : Buffer.of(parseInt(part, 8))))
  return Buffer.concat(bytes).toString('utf8')
}
