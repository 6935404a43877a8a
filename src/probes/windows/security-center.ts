// Windows Security Center's productState, decoded the same way for antivirus and firewall products.
import type { SecurityCenterProduct } from './windows-facts.js'

/**
 * productState as hex 0xAABBCC (platform-reference §4.7, Appendix C `avState`): bits 12-13 are the product's
 * state (0x0000 off, 0x1000 on, 0x2000 snoozed, 0x3000 expired), bit 4 is set when its signatures are out of
 * date (homotechsual's NinjaOne enums; the Clinton-Citracom table: 397568 = Defender on and current). The same
 * scheme for FirewallProduct is UNVERIFIED (§5.1).
 */
const STATE_MASK = 0x3000
const STATE_ON = 0x1000
const SIGNATURES_OUT_OF_DATE = 0x10

export interface ProductState {
  active: boolean
  upToDate: boolean
}

export function decodeProductState(state: number): ProductState {
  return { active: (state & STATE_MASK) === STATE_ON, upToDate: (state & SIGNATURES_OUT_OF_DATE) === 0 }
}

/**
 * Defender registers itself too, with this instance GUID and a `windowsdefender://` product path (the
 * SecurityCenter2 listing quoted in §4.7); names are translated, so neither is told by name.
 */
const DEFENDER_GUID = '{D68DDC3A-831F-4fae-9E44-DA132C1ACF46}'

export function isDefender(product: SecurityCenterProduct): boolean {
  return product.guid.toUpperCase() === DEFENDER_GUID.toUpperCase() || product.productExe.startsWith('windowsdefender:')
}
