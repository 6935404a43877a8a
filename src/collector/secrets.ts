/**
 * Tokens, codes and passwords. Device tokens, session ids and API keys are 256-bit random values,
 * stored only as SHA-256 (a hash of a high-entropy secret needs no salt or stretching). Passwords
 * are low-entropy, so they get scrypt with a random salt.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Crockford base32 without I, L, O, U: read aloud over a bad phone line without mistakes. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** An enrollment code: 16 characters in groups of four (80 bits), e.g. `7K3Q-M9XA-2BDF-HV0R`. */
export function newEnrollCode(): string {
  const bytes = randomBytes(16)
  const chars = [...bytes].map((byte) => CODE_ALPHABET[byte & 31]!)
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-')
}

/** Typing is forgiving: case, spaces and dashes do not matter, and O/I/L read as 0/1/1. */
export function normalizeEnrollCode(code: string): string {
  const compact = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return compact.match(/.{1,4}/g)?.join('-') ?? ''
}

interface ScryptParams {
  N: number
  r: number
  p: number
  keylen: number
}

const SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1, keylen: 32 }

function scryptAsync(password: string, salt: Buffer, { N, r, p, keylen }: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

/** `scrypt$N$r$p$salt$hash`, so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt, SCRYPT)
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const params = { N: Number(n), r: Number(r), p: Number(p), keylen: expected.length }
  if (![params.N, params.r, params.p].every(Number.isSafeInteger)) return false
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), params)
  return timingSafeEqual(key, expected)
}
