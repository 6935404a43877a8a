/** The device token as kept in the credential store: bound to the collector that issued it. */
import { describe, expect, it } from 'vitest'
import { decodeDeviceToken, encodeDeviceToken } from '../../src/upload/device-token.js'

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
})
