// Windows Security Center's productState decoding, checked against the published lookup table.
import { describe, expect, it } from 'vitest'
import { decodeProductState, isDefender } from '../../../src/probes/windows/security-center.js'

describe('Security Center productState', () => {
  // The Clinton-Citracom lookup table quoted in platform-reference §4.7.
  it.each([
    [262144, false, true],
    [266240, true, true],
    [266256, true, false],
    [393216, false, true],
    [397312, true, true],
    [397328, true, false],
    [397568, true, true],
    [393488, false, false],
  ])('decodes %i as active %s, up to date %s', (state, active, upToDate) => {
    expect(decodeProductState(state)).toEqual({ active, upToDate })
  })

  it('counts a snoozed or expired product as not active', () => {
    expect(decodeProductState(0x62100).active).toBe(false)
    expect(decodeProductState(0x63100).active).toBe(false)
  })

  it('knows Defender by its instance GUID or product path, never by its translated name', () => {
    const guid = '{d68ddc3a-831f-4fae-9e44-da132c1acf46}'
    const product = { name: 'Bộ bảo vệ Windows', guid, productExe: '', state: 0 }
    expect(isDefender(product)).toBe(true)
    expect(isDefender({ ...product, guid: '{0}', productExe: 'windowsdefender://' })).toBe(true)
    const bkav = { name: 'Windows Defender', guid: '{0}', productExe: 'C:\\Bkav\\Bkav.exe', state: 0 }
    expect(isDefender(bkav)).toBe(false)
  })
})
