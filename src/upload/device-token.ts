/**
 * The device token as the credential store keeps it: with the origin of the collector that issued
 * it, so that it is sent to that collector only, whatever server a configuration file names.
 */
import type { CredentialStore } from './credentials.js'

export interface DeviceToken {
  token: string
  /** The issuing collector's origin; null for a token that carries none (HYGIENE_DEVICE_TOKEN, or one kept before tokens were bound). */
  issuer: string | null
}

export function encodeDeviceToken(token: string, issuer: URL): string {
  return JSON.stringify({ issuer: issuer.origin, token })
}

/** The token in the store, or null when there is none (or what is there is damaged); a store that cannot be read throws. */
export async function readDeviceToken(store: CredentialStore): Promise<DeviceToken | null> {
  const stored = await store.get()
  const decoded = stored ? decodeDeviceToken(stored) : null
  return decoded?.token ? decoded : null
}

export function decodeDeviceToken(stored: string): DeviceToken {
  // A token alone is base64url: never JSON.
  if (!stored.startsWith('{')) return { token: stored, issuer: null }
  try {
    const { issuer, token } = JSON.parse(stored) as Record<string, unknown>
    if (typeof issuer === 'string' && typeof token === 'string') return { token, issuer }
  } catch {
    // Unreadable: treated as no token at all below.
  }
  return { token: '', issuer: null }
}
