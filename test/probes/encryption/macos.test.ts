// The encryption probe on a Mac: FileVault's state from `fdesetup status`, without administrator rights.
import { describe, expect, it } from 'vitest'
import { encryptionProbe } from '../../../src/probes/encryption/index.js'
import type { EncryptionFacts } from '../../../src/probes/encryption/schema.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import { collectOnMac } from '../macos/macos-test-kit.js'

const FDESETUP = 'fdesetup status'

async function collect(fdesetup: StubAnswer): Promise<EncryptionFacts> {
  return collectOnMac(encryptionProbe, { commands: [[FDESETUP, fdesetup]] })
}

describe('encryption probe on macOS', () => {
  it('reads FileVault on as an encrypted startup disk', async () => {
    expect(await collect({ stdout: 'FileVault is On.\n' })).toEqual({
      systemVolume: { mount: '/', method: 'filevault', encrypted: true, state: 'on', needsAdmin: false },
      problems: [],
    })
  })

  it('reads FileVault off, and a deferred enablement, as not encrypted', async () => {
    const off = { mount: '/', method: 'none', encrypted: false, state: 'off', needsAdmin: false }
    expect((await collect({ stdout: 'FileVault is Off.\n' })).systemVolume).toEqual(off)
    const deferred = "FileVault is Off.\nDeferred enablement appears to be active for user 'an'.\n"
    expect((await collect({ stdout: deferred })).systemVolume).toEqual(off)
    const nextRestart = 'FileVault is Off, but will be enabled after the next restart.\n'
    expect((await collect({ stdout: nextRestart })).systemVolume).toEqual(off)
  })

  it('tells a disk still converting from one that is done, either way', async () => {
    const encrypting = await collect({ stdout: 'FileVault is On.\nEncryption in progress: Percent completed = 42.3\n' })
    expect(encrypting.systemVolume).toMatchObject({ method: 'filevault', encrypted: false, state: 'encrypting' })
    const pending = await collect({ stdout: 'FileVault is On.\nEncryption in progress: Pending\n' })
    expect(pending.systemVolume.state).toBe('encrypting')
    const decrypting = await collect({ stdout: 'FileVault is Off.\nDecryption in progress: Percent completed = 73\n' })
    expect(decrypting.systemVolume).toMatchObject({ method: 'filevault', encrypted: false, state: 'decrypting' })
  })

  it('says unknown, with the reason, when fdesetup fails or says something else', async () => {
    const unknown = { mount: '/', method: null, encrypted: null, state: 'unknown', needsAdmin: false }
    const failed = await collect({ exitCode: 1, stderr: 'Error: Unable to get FileVault status.\n' })
    expect(failed).toEqual({
      systemVolume: unknown,
      problems: ['fdesetup status: exit code 1 (Error: Unable to get FileVault status.)'],
    })
    const odd = await collect({ stdout: 'Something new.\n' })
    expect(odd).toEqual({ systemVolume: unknown, problems: ['fdesetup status: unexpected output "Something new."'] })
  })
})
