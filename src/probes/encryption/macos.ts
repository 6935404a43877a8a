// macOS disk encryption: FileVault's state of the startup disk, from `fdesetup status`.
import { runTool, unexpectedOutput, type ToolCall } from '../macos/run-tool.js'
import type { ProbeContext } from '../probe.js'
import type { EncryptionFacts } from './schema.js'

/**
 * Runs without administrator rights (platform reference §0.5; menu-bar checkers such as Pareto
 * Security run it as the user). It prints `FileVault is On.` or `FileVault is Off.`, and while the
 * disk converts a second line `Encryption in progress: Percent completed = 42` (also
 * `Encryption in progress: Pending` on battery) or `Decryption in progress: …`; a deferred
 * enablement prints `FileVault is Off, but will be enabled after the next restart.` (a public Jamf
 * extension attribute lists these replies; parsers in public test suites agree on them).
 */
const FDESETUP: ToolCall = { command: 'fdesetup', args: ['status'], timeoutMs: 10_000 }

type Volume = EncryptionFacts['systemVolume']

export async function collectMacosEncryption(ctx: ProbeContext): Promise<EncryptionFacts> {
  const problems: string[] = []
  const result = await runTool(ctx, FDESETUP, problems)
  const state = result ? fileVaultState(result.stdout) : null
  if (result && !state) problems.push(unexpectedOutput(FDESETUP, result.stdout + result.stderr))
  return {
    systemVolume: { mount: '/', needsAdmin: false, ...(state ?? { method: null, encrypted: null, state: 'unknown' }) },
    problems,
  }
}

/** The state `fdesetup status` describes, or null when it says none of the documented sentences. */
export function fileVaultState(stdout: string): Pick<Volume, 'method' | 'encrypted' | 'state'> | null {
  if (/Encryption in progress/i.test(stdout)) return { method: 'filevault', encrypted: false, state: 'encrypting' }
  if (/Decryption in progress/i.test(stdout)) return { method: 'filevault', encrypted: false, state: 'decrypting' }
  if (/FileVault is On\b/.test(stdout)) return { method: 'filevault', encrypted: true, state: 'on' }
  if (/FileVault is Off\b/.test(stdout)) return { method: 'none', encrypted: false, state: 'off' }
  return null
}
