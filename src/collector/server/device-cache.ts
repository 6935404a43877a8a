/**
 * Devices by the hash of their token, kept in memory so that an upload needs no lookup. Only active
 * devices are kept; a revocation (by another process, too) is caught by the insert transaction,
 * which checks the device again, and the device is then forgotten here.
 */
import type { Db } from '../db/schema.js'
import { deviceByTokenHash, type DeviceRecord } from '../store/enrollment.js'
import { hashToken } from '../secrets.js'

export interface DeviceCache {
  /** The device of a token; null for an unknown one. A revoked device is returned as such. */
  find(token: string): Promise<DeviceRecord | null>
  forget(token: string): void
}

/** About 200 bytes an entry: 100,000 devices (a province) take some 20 MB. */
export const DEVICE_CACHE_SIZE = 100_000

export function deviceCache(db: Db, size = DEVICE_CACHE_SIZE): DeviceCache {
  const byHash = new Map<string, DeviceRecord>()
  return {
    async find(token) {
      const hash = hashToken(token)
      const cached = byHash.get(hash)
      if (cached) return cached
      const device = await deviceByTokenHash(db, hash)
      if (device && !device.revoked) {
        // Oldest first out: past the limit, a device that reports again is looked up again.
        if (byHash.set(hash, device).size > size) byHash.delete(byHash.keys().next().value!)
      }
      return device
    },
    forget(token) {
      byHash.delete(hashToken(token))
    },
  }
}
