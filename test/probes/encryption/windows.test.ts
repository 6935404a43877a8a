// The encryption probe on the recorded Windows PCs: BitLocker on C:, with and without administrator rights.
import { describe, expect, it } from 'vitest'
import { EncryptionFactsSchema } from '../../../src/probes/encryption/schema.js'
import { collectWindowsEncryption, windowsEncryptionFacts } from '../../../src/probes/encryption/windows.js'
import { EncryptionSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { collectedFacts, recordedSection, type WindowsFixture } from '../windows/windows-kit.js'

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsEncryption, EncryptionFactsSchema)

function changed(fixture: WindowsFixture, path: string, value: unknown) {
  return windowsEncryptionFacts(recordedSection(fixture, 'encryption', EncryptionSectionSchema, { path, value }))
}

const volume = (protectionStatus: number, conversionStatus: number) => ({
  ok: true,
  data: { protectionStatus, conversionStatus },
})

describe('encryption probe on Windows', () => {
  it('reads BitLocker on from Explorer, without administrator rights', async () => {
    expect(await collected('domain-joined')).toEqual({
      systemVolume: { mount: 'C:', method: 'bitlocker', encrypted: true, state: 'on', needsAdmin: false },
      problems: [],
    })
  })

  it('reads BitLocker off, and encryption still in progress', async () => {
    expect((await collected('win11-24h2-vi')).systemVolume).toMatchObject({
      method: 'none',
      encrypted: false,
      state: 'off',
    })
    expect((await collected('redirected-downloads')).systemVolume).toMatchObject({
      method: 'bitlocker',
      encrypted: false,
      state: 'encrypting',
    })
  })

  it('says the answer needs administrator rights when Explorer gives none', async () => {
    expect(await collected('adsi-fallback')).toEqual({
      systemVolume: { mount: 'C:', method: null, encrypted: null, state: 'unknown', needsAdmin: true },
      problems: ['Explorer gave no BitLocker state for C:, and the rest needs administrator rights'],
    })
  })

  it('takes Win32_EncryptableVolume first when the run is elevated', async () => {
    expect((await collected('win10-22h2')).systemVolume).toMatchObject({ state: 'off', needsAdmin: false })
    expect(changed('win10-22h2', 'volume', volume(1, 1)).systemVolume).toMatchObject({ state: 'on', encrypted: true })
    // Fully encrypted with the key in the clear: suspended, or device encryption waiting for activation.
    expect(changed('win10-22h2', 'volume', volume(0, 1)).systemVolume).toMatchObject({
      state: 'suspended',
      encrypted: false,
    })
    expect(changed('win10-22h2', 'volume', volume(0, 4)).systemVolume.state).toBe('encrypting')
    expect(changed('win10-22h2', 'volume', volume(0, 5)).systemVolume.state).toBe('decrypting')
  })

  it('falls back to Explorer when the elevated read fails, and says why', () => {
    const facts = changed('win10-22h2', 'volume', { ok: false, error: 'Invalid namespace ' })
    expect(facts.systemVolume).toMatchObject({ state: 'off', needsAdmin: false })
    expect(facts.problems).toEqual(['Win32_EncryptableVolume: Invalid namespace '])
  })

  it('leaves values it does not know unknown, without asking for rights an elevated run had', () => {
    const facts = changed('win10-22h2', 'volume', volume(2, 1))
    expect(facts.systemVolume).toMatchObject({ state: 'off' })
    const unknown = windowsEncryptionFacts({
      ...recordedSection('win10-22h2', 'encryption', EncryptionSectionSchema),
      shell: { ok: true, data: { protection: 8 } },
      volume: { ok: true, data: { protectionStatus: null, conversionStatus: null } },
    })
    expect(unknown.systemVolume).toMatchObject({ state: 'unknown', needsAdmin: false })
    expect(unknown.problems).toEqual(['Explorer gave BitLocker state 8 for C:'])
  })
})
