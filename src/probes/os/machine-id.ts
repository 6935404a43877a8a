import { createHash } from 'node:crypto'

/**
 * A stable device identifier that does not expose the machine's own id or any hardware serial:
 * a salted SHA-256, cut to 128 bits.
 */
export function hashMachineId(rawId: string): string {
  return createHash('sha256').update(`ward-hygiene/device/${rawId.trim().toLowerCase()}`).digest('hex').slice(0, 32)
}
