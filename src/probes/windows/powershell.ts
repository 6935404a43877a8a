// Starts Windows PowerShell once for a scan: where powershell.exe is, its arguments, the encoded script, its output.
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Host } from '../../core/host.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'

/** The whole run, the Windows Update search included (that one gives up by itself well before). */
export const POWERSHELL_TIMEOUT_MS = 60_000
/** CreateProcess refuses longer command lines (platform-reference §0.1). */
export const COMMAND_LINE_LIMIT = 32_767

/**
 * The 64-bit Windows PowerShell by its full path. A 32-bit Node on 64-bit Windows sees System32 redirected to
 * the 32-bit PowerShell, which lacks Get-LocalUser and reads the 32-bit registry; Sysnative reaches the real
 * one (platform-reference §0.1).
 */
export function powershellPath(host: Host): string {
  const systemRoot = envValue(host, 'SystemRoot') ?? envValue(host, 'windir') ?? 'C:\\Windows'
  const redirected = host.arch === 'ia32' && envValue(host, 'PROCESSOR_ARCHITEW6432') !== undefined
  const system = redirected ? 'Sysnative' : 'System32'
  return path.win32.join(systemRoot, system, 'WindowsPowerShell', 'v1.0', 'powershell.exe')
}

/** Windows names environment variables without regard to case. */
function envValue(host: Host, name: string): string | undefined {
  const wanted = name.toLowerCase()
  return Object.entries(host.env).find(([key, value]) => key.toLowerCase() === wanted && value)?.[1]
}

/**
 * The script as `-EncodedCommand` takes it (base64 of UTF-16LE). The script itself, gzipped and base64'd,
 * rides inside a small bootstrap: as plain UTF-16LE it would pass the command-line limit. The bootstrap
 * first refuses what cannot run the script (Constrained Language Mode under AppLocker or WDAC blocks COM
 * and New-Object; PowerShell 2.0 on Windows 7 has no ConvertTo-Json) with a JSON line of its own, then sets
 * the prologue of §0.1: stop on errors, no progress records (they reach stderr as CLIXML), UTF-8 output
 * so that names such as "Nguyễn Văn Á" survive the pipe.
 */
export function encodeCommand(script: string): string {
  const packed = gzipSync(Buffer.from(script, 'utf8')).toString('base64')
  const bootstrap = [
    "$mode = [string]$ExecutionContext.SessionState.LanguageMode",
    "if ($mode -ne 'FullLanguage') { '{\"unusable\":\"PowerShell runs in ' + $mode + '\"}'; exit }",
    '$version = [string]$PSVersionTable.PSVersion',
    "if ($PSVersionTable.PSVersion.Major -lt 5) { '{\"unusable\":\"PowerShell ' + $version + '\"}'; exit }",
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    '[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false',
    `$packed = New-Object System.IO.MemoryStream(, [Convert]::FromBase64String('${packed}'))`,
    "$gzip = New-Object System.IO.Compression.GZipStream($packed, [System.IO.Compression.CompressionMode]::Decompress)",
    '$reader = New-Object System.IO.StreamReader($gzip, [System.Text.Encoding]::UTF8)',
    '. ([scriptblock]::Create($reader.ReadToEnd()))',
    '',
  ].join('\n')
  return Buffer.from(bootstrap, 'utf16le').toString('base64')
}

export function powershellArgs(encodedCommand: string): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedCommand]
}

/** Runs `script` in one PowerShell process and returns its stdout parsed as JSON; any failure is a ProbeFailure. */
export async function runPowerShell(ctx: ProbeContext, script: string): Promise<unknown> {
  const executable = powershellPath(ctx.host)
  const result = await ctx.run(executable, powershellArgs(encodeCommand(script)), { timeoutMs: POWERSHELL_TIMEOUT_MS })
  if (result.notFound) {
    throw new ProbeFailure(`Windows PowerShell was not found at ${executable} (a damaged Windows, or Wine)`)
  }
  if (result.timedOut) {
    throw new ProbeFailure(`Windows PowerShell did not finish within ${POWERSHELL_TIMEOUT_MS / 1000} s`)
  }
  if (result.outputCapped) throw new ProbeFailure('Windows PowerShell printed more output than expected')
  if (result.exitCode !== 0) {
    const detail = stderrMessage(result.stderr)
    const exit = `exit code ${result.exitCode ?? 'none'}`
    throw new ProbeFailure(`Windows PowerShell failed (${exit})${detail ? `: ${detail}` : ''}`)
  }
  const text = result.stdout.replace(/^\uFEFF/, '').trim()
  // Wine ships a powershell.exe that runs no script and exits 0 having printed nothing.
  if (text === '') throw new ProbeFailure('Windows PowerShell printed nothing: it cannot run scripts here (a stand-in such as Wine\'s, which has no PowerShell)')
  try {
    return JSON.parse(text)
  } catch {
    const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text
    throw new ProbeFailure(`Windows PowerShell printed something that is not JSON: "${shown}"`)
  }
}

/**
 * What a failed run said on stderr, readable. With -EncodedCommand, PowerShell writes its error and progress
 * records there as CLIXML: `#< CLIXML`, then `<Objs>` holding `<S S="Error">` strings with `_x000D__x000A_`
 * escapes (WinRb/WinRM#106) and `<Obj S="progress">` records such as "Preparing modules for first use."
 * Error strings are kept, progress dropped, and plain text outside the blocks kept as it is.
 */
export function stderrMessage(stderr: string): string {
  const errors = [...stderr.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((match) => decodeClixml(match[1] ?? ''))
  const plain = stderr.replace(/#< CLIXML/g, '').replace(/<Objs[\s\S]*?<\/Objs>/g, '')
  const message = [plain, ...errors].join(' ').replace(/\s+/g, ' ').trim()
  return message.length > 300 ? `${message.slice(0, 300)}…` : message
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeClixml(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => XML_ENTITIES[name] ?? '')
}
