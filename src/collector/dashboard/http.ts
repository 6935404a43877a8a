/** Cookies, CSRF tokens, security headers and the page language of the dashboard. */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { isLang, type Lang } from '../../i18n/index.js'
import { cookieValue } from '../server/app.js'
import { STYLE_HASH } from './style.js'

export const LANG_COOKIE = 'hygiene_lang'
/** The login form's CSRF token, bound to this cookie until a session exists (double submit). */
export const LOGIN_CSRF_COOKIE = 'hygiene_login_csrf'
export const DEFAULT_LANG: Lang = 'vi'

export const SECURITY_HEADERS = {
  'content-security-policy': [
    "default-src 'none'",
    `style-src '${STYLE_HASH}'`,
    'img-src data:',
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Pages show who is behind on security: no shared or browser cache should keep them.
  'cache-control': 'no-store',
}

export interface CookieOptions {
  /** Only over HTTPS: set when the collector itself serves TLS. */
  secure: boolean
  /** Omitted: a browser-session cookie. 0: delete it. */
  maxAgeSeconds?: number
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict']
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`)
  if (options.secure) parts.push('Secure')
  reply.header('set-cookie', parts.join('; '))
}

export function requestCookie(request: FastifyRequest, name: string): string | null {
  return cookieValue(request.headers.cookie, name)
}

/** Constant-time comparison of two tokens; a missing one never matches. */
export function sameToken(expected: string | null | undefined, given: string | null | undefined): boolean {
  if (!expected || !given) return false
  const digest = (token: string) => createHash('sha256').update(token).digest()
  return timingSafeEqual(digest(expected), digest(given))
}

function queryLang(request: FastifyRequest): Lang | null {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang
  return isLang(lang) ? lang : null
}

/** `?lang=` first, then the remembered choice, else Vietnamese. */
export function langOf(request: FastifyRequest): Lang {
  const remembered = requestCookie(request, LANG_COOKIE)
  return queryLang(request) ?? (isLang(remembered) ? remembered : DEFAULT_LANG)
}

/** Remembers a `?lang=` choice for a year, so the next pages keep it without the parameter. */
export function rememberLang(request: FastifyRequest, reply: FastifyReply, secure: boolean): void {
  const chosen = queryLang(request)
  if (chosen && chosen !== requestCookie(request, LANG_COOKIE)) {
    setCookie(reply, LANG_COOKIE, chosen, { secure, maxAgeSeconds: 365 * 86_400 })
  }
}

/** The same path with some query parameters replaced; always a path on this site. */
export function withQuery(url: string, params: Record<string, string>): string {
  const parsed = new URL(url, 'http://dashboard.invalid')
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value)
  // A path starting with // would be read by a browser as another host.
  return `${parsed.pathname.replace(/^\/+/, '/')}${parsed.search}`
}

export function formField(request: FastifyRequest, name: string): string | null {
  return request.body instanceof URLSearchParams ? request.body.get(name) : null
}
