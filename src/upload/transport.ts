/**
 * One HTTP(S) request to the collector, with node:http(s) so a custom CA can be trusted (the
 * built-in fetch cannot take one). Certificates are always verified; plain HTTP goes only to this
 * machine unless the user explicitly allows it.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface RequestOptions {
  method: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
  /** PEM text of a CA to trust besides the system's. */
  ca?: string
  timeoutMs: number
  /** Gives up on the whole request, however slowly the answer trickles in. */
  signal?: AbortSignal
}

export type Transport = (url: URL, options: RequestOptions) => Promise<HttpAnswer>

/** Answers at most this much: a collector answer is a few hundred bytes. */
const MAX_ANSWER_BYTES = 1024 * 1024

export const httpTransport: Transport = (url, options) =>
  new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(
      url,
      {
        method: options.method,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        timeout: options.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk)
        })
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', reject)
      },
    )
    request.on('timeout', () => request.destroy(new TransportError('timeout', `no answer within ${options.timeoutMs / 1000} s`)))
    request.on('error', (error) => reject(error instanceof TransportError ? error : new TransportError(classify(error), error.message)))
    request.end(options.body)
  })

export type TransportFailure = 'timeout' | 'network' | 'certificate'

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

function classify(error: Error & { code?: string }): TransportFailure {
  const code = error.code ?? ''
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/.test(code) ? 'certificate' : 'network'
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

/** The collector URL as given, checked: HTTPS, or HTTP to this machine only unless allowed. */
export function checkServerUrl(text: string, insecureHttp: boolean): URL | { problem: 'badUrl' | 'plainHttp' } {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { problem: 'badUrl' }
  }
  if (url.protocol === 'https:') return url
  if (url.protocol !== 'http:') return { problem: 'badUrl' }
  return LOOPBACK.test(url.hostname) || insecureHttp ? url : { problem: 'plainHttp' }
}
