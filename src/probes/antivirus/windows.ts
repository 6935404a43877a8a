/**
 * Windows antivirus facts from the shared PowerShell run: Microsoft Defender from Get-MpComputerStatus
 * (platform-reference §4.6), every other product from Windows Security Center with its productState decoded
 * (§4.7). Neither needs administrator rights.
 */
import { daysBetween } from '../../core/clock.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { decodeProductState, isDefender } from '../windows/security-center.js'
import {
  AntivirusSectionSchema,
  windowsSection,
  type AntivirusSection,
  type DefenderStatus,
  type SecurityCenterProduct,
} from '../windows/windows-facts.js'
import type { AntivirusFacts, AntivirusProduct } from './schema.js'

const DEFENDER_NAME = 'Microsoft Defender Antivirus'
/** AMRunningMode of the active antivirus; passive and EDR block modes leave scanning to another product. */
const ACTIVE_MODE = 'Normal'

export async function collectWindowsAntivirus(ctx: ProbeContext): Promise<AntivirusFacts> {
  return windowsAntivirusFacts(await windowsSection(ctx, 'antivirus', AntivirusSectionSchema), ctx.clock.now())
}

export function windowsAntivirusFacts(section: AntivirusSection, now: Date): AntivirusFacts {
  const { defender, securityCenter } = section
  if (!defender.ok && !securityCenter.ok) {
    throw new ProbeFailure(
      `no antivirus source could be read: Defender: ${defender.error}; Security Center: ${securityCenter.error}`,
    )
  }
  const problems: string[] = []
  const products: AntivirusProduct[] = []
  if (defender.ok) products.push(defenderProduct(defender.data, now))
  else problems.push(`Microsoft Defender status: ${defender.error}`)
  if (securityCenter.ok) {
    // Defender's own entry only stands in when Get-MpComputerStatus, which says more, could not answer.
    const registered = securityCenter.data.products.filter((product) => !(defender.ok && isDefender(product)))
    products.push(...registered.map(registeredProduct))
  } else {
    problems.push(`Windows Security Center: ${securityCenter.error}`)
  }
  return { products, problems }
}

function defenderProduct(status: DefenderStatus, now: Date): AntivirusProduct {
  const mode = status.runningMode || ACTIVE_MODE
  // FILETIME 0 (1601) stands for "never updated" (§4.6).
  const updated = status.signaturesUpdated && status.signaturesUpdated.getTime() > 0 ? status.signaturesUpdated : null
  return {
    name: DEFENDER_NAME,
    kind: 'defender',
    realTimeProtection:
      mode === ACTIVE_MODE && status.serviceEnabled && status.antivirusEnabled && status.realTimeProtectionEnabled,
    signaturesUpdatedAt: updated?.toISOString() ?? null,
    signaturesAgeDays: updated ? daysBetween(updated, now) : null,
    upToDate: status.signaturesOutOfDate === null ? null : !status.signaturesOutOfDate,
  }
}

/** Security Center tells on/off and "signatures current", not when they were updated. */
function registeredProduct(product: SecurityCenterProduct): AntivirusProduct {
  const state = decodeProductState(product.state)
  return {
    name: product.name,
    kind: isDefender(product) ? 'defender' : 'third-party',
    realTimeProtection: state.active,
    signaturesUpdatedAt: null,
    signaturesAgeDays: null,
    upToDate: state.upToDate,
  }
}
