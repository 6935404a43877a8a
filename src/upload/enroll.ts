/**
 * `hygiene enroll`: trades an enrollment code for a device token, keeps the token in the credential
 * store and the server, device id and unit in the config file (never the token there).
 */
import type { Document } from 'yaml'
import { updateConfigFile } from '../config/config-writer.js'
import { HygieneError } from '../core/errors.js'
import { ExitCode } from '../core/exit-codes.js'
import type { Device } from '../probes/snapshot.js'
import type { CredentialStore } from './credentials.js'
import { encodeDeviceToken } from './device-token.js'
import { jsonObject } from './json-body.js'
import { TransportError, type Transport } from './transport.js'

export interface EnrollRequest {
  server: URL
  code: string
  ca?: string
  /** The CA file as given, remembered in the config for later uploads. */
  caFile?: string
  device: Device
}

export interface Enrolled {
  deviceId: string
  unit: string
  unitName: string
  storeLabel: string
}

const ENROLL_TIMEOUT_MS = 20_000

export async function enroll(request: EnrollRequest, store: CredentialStore, configFile: string, transport: Transport): Promise<Enrolled> {
  let answer
  try {
    answer = await transport(new URL('/api/v1/enroll', request.server), {
      method: 'POST',
      body: JSON.stringify({
        code: request.code,
        device: { id: request.device.id, hostname: request.device.hostname, os: { platform: request.device.os.platform, name: request.device.os.name } },
      }),
      ca: request.ca,
      timeoutMs: ENROLL_TIMEOUT_MS,
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const key = error instanceof TransportError && error.failure === 'certificate' ? 'enroll.certificate' : 'enroll.unreachable'
    throw new HygieneError(key, { server: request.server.origin, detail }, ExitCode.CouldNotComplete)
  }
  const body = jsonObject(answer.body)
  if (answer.status === 403) throw new HygieneError('enroll.badCode', {}, ExitCode.UsageError)
  if (answer.status !== 201 || typeof body.token !== 'string' || typeof body.deviceId !== 'string') {
    throw new HygieneError('enroll.refused', { server: request.server.origin, status: answer.status, detail: String(body.message ?? '') }, ExitCode.CouldNotComplete)
  }
  const unit = String(body.unit ?? '')
  const unitName = typeof body.unitName === 'string' ? body.unitName : unit
  await store.set(encodeDeviceToken(body.token, request.server))
  await updateConfigFile(configFile, (document: Document) => {
    document.setIn(['server'], {
      url: request.server.origin,
      deviceId: body.deviceId,
      unit: { code: unit, name: unitName },
      ...(request.caFile ? { ca: request.caFile } : {}),
    })
  })
  return { deviceId: String(body.deviceId), unit, unitName, storeLabel: store.label }
}

/** `hygiene enroll --remove`: the token leaves the credential store, the server leaves the config. */
export async function unenroll(store: CredentialStore, configFile: string): Promise<boolean> {
  const removed = await store.remove()
  await updateConfigFile(configFile, (document) => {
    document.deleteIn(['server'])
  })
  return removed
}

