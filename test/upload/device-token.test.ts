/** The device token as kept in the credential store: bound to the collector that issued it. */
import { describe, expect, it } from 'vitest'
import type { CredentialStore } from '../../src/upload/credentials.js'
import { decodeDeviceToken, encodeDeviceToken, readDeviceToken } from '../../src/upload/device-token.js'

const storeHolding = (value: string | null): CredentialStore => ({ kind: 'file', label: 'device-token', get: async () => value, set: async () => {}, remove: async () => false })

describe('device token', () => {
  it('keeps the origin of the collector that issued it, not the rest of its address', () => {
    const stored = encodeDeviceToken('dGhpcy1pcy1hLXRva2Vu', new URL('https://thu-thap.phuong.example:8750/api/v1/enroll'))
    expect(decodeDeviceToken(stored)).toEqual({ token: 'dGhpcy1pcy1hLXRva2Vu', issuer: 'https://thu-thap.phuong.example:8750' })
  })

  it('reads a token kept alone (from the environment, or before tokens were bound) as bound to no server', () => {
    expect(decodeDeviceToken('dGhpcy1pcy1hLXRva2Vu')).toEqual({ token: 'dGhpcy1pcy1hLXRva2Vu', issuer: null })
  })

  it('reads a damaged entry as no token at all', () => {
    for (const stored of ['{"issuer":', '{"token":"x"}', '{"issuer":1,"token":"x"}']) expect(decodeDeviceToken(stored)).toEqual({ token: '', issuer: null })
  })

  it('reads the store as holding no token when it is empty or its entry is damaged, so status and upload agree', async () => {
    expect(await readDeviceToken(storeHolding(null))).toBeNull()
    expect(await readDeviceToken(storeHolding('{"issuer":'))).toBeNull()
    expect(await readDeviceToken(storeHolding('dGhpcy1pcy1hLXRva2Vu'))).toEqual({ token: 'dGhpcy1pcy1hLXRva2Vu', issuer: null })
  })
})
