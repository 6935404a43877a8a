/** Where and how this PC uploads: the enrolled server from the config, its token from the credential store. */
import { readFile } from 'node:fs/promises'
import type { Config } from '../config/config.js'
import { HygieneError, usageError } from '../core/errors.js'
import type { CredentialStore } from './credentials.js'
import type { DeliveryTarget } from './deliver.js'
import { readDeviceToken } from './device-token.js'
import { checkServerUrl, type Transport } from './transport.js'

export interface UploadFlags {
  /** A CA file (PEM) to trust for this upload, over the config's. */
  ca?: string
  insecureHttp?: boolean
  /** Overrides the config's upload.redact (default on). */
  redact?: boolean
}

export interface UploadTools {
  transport: Transport
  sleep: (ms: number) => Promise<void>
  random: () => number
}

export async function readCa(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined
  try {
    return await readFile(file, 'utf8')
  } catch {
    throw new HygieneError('file.unreadable', { file, kind: 'ca' })
  }
}

export function serverUrl(text: string, insecureHttp: boolean): URL {
  const url = checkServerUrl(text, insecureHttp)
  if (url instanceof URL) return url
  throw usageError(url.problem === 'plainHttp' ? 'upload.plainHttp' : 'upload.badUrl', { url: text })
}

export async function uploadTarget(config: Config, store: CredentialStore, flags: UploadFlags, tools: UploadTools): Promise<DeliveryTarget> {
  if (!config.server) throw usageError('upload.notEnrolled')
  const stored = await readDeviceToken(store)
  if (!stored) throw usageError('upload.noToken', { store: store.label })
  const { token, issuer } = stored
  const server = serverUrl(config.server.url, flags.insecureHttp ?? false)
  // A configuration naming another server (a file passed by a scammer) never receives this PC's token.
  if (issuer !== null && issuer !== server.origin) throw usageError('upload.tokenForOtherServer', { issuer, server: server.origin })
  return {
    server,
    token,
    deviceId: config.server.deviceId,
    ca: await readCa(flags.ca ?? config.server.ca),
    redact: flags.redact ?? config.upload?.redact ?? true,
    ...tools,
  }
}

/**
 * The target when this PC is enrolled and its token is there, else null: for what also works
 * without a collector (advisories from the saved copy, incident reports saved to a file).
 */
export async function enrolledTarget(config: Config, store: CredentialStore, flags: UploadFlags, tools: UploadTools): Promise<DeliveryTarget | null> {
  if (!config.server || !(await readDeviceToken(store).catch(() => null))) return null
  return uploadTarget(config, store, flags, tools)
}
