/**
 * Redaction for uploads (on by default): file paths become `[folder kind]/<hash>.<extension>`,
 * account names `user-<hash>`, download URLs their origin only, everywhere in the report (evidence
 * and messages). The hash is salted with the device id, so the same file or account keeps the same
 * name from one report to the next, and the police can still count and follow it.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Report } from '../report/schema.js'

type Json = unknown

export function redactReport(report: Report, salt: string): Report {
  const hash = (value: string): string => createHash('sha256').update(`${salt}\u0000${value}`).digest('hex').slice(0, 8)
  const paths = new Map<string, string>()
  const names = new Map<string, string>()

  const collect = (value: Json, inAccounts: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) collect(item, inAccounts)
      return
    }
    if (value === null || typeof value !== 'object') return
    const record = value as Record<string, Json>
    const kind = typeof record.root === 'string' ? record.root : typeof record.kind === 'string' ? record.kind : 'file'
    for (const key of ['path', 'location'] as const) {
      const text = record[key]
      if (typeof text === 'string' && looksLikePath(text)) paths.set(text, `[${kind}]/${hash(text)}${extensionOf(text)}`)
    }
    if (inAccounts && typeof record.name === 'string') names.set(record.name, `user-${hash(record.name)}`)
    for (const [key, child] of Object.entries(record)) collect(child, inAccounts || key === 'accounts')
  }
  for (const result of report.results) collect(result.evidence, false)
  if (report.user) names.set(report.user, `user-${hash(report.user)}`)

  // Longest first, so a folder's path is not replaced inside a longer file path.
  const pathList = [...paths.entries()].sort((a, b) => b[0].length - a[0].length)
  const namePatterns = [...names.entries()].map(([name, replacement]) => ({
    pattern: new RegExp(`(?<![\\p{L}\\p{N}_.-])${escapeRegExp(name)}(?![\\p{L}\\p{N}_-])`, 'gu'),
    replacement,
  }))
  const text = (value: string): string => {
    let out = value
    for (const [original, replacement] of pathList) out = out.split(original).join(replacement)
    for (const { pattern, replacement } of namePatterns) out = out.replace(pattern, replacement)
    return out
  }
  const rewrite = (value: Json, key = ''): Json => {
    if (typeof value === 'string') {
      if (key === 'originUrl') return originOf(value)
      return paths.get(value) ?? names.get(value) ?? text(value)
    }
    if (Array.isArray(value)) return value.map((item) => rewrite(item))
    if (value === null || typeof value !== 'object') return value
    return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, rewrite(v, k)]))
  }
  return {
    ...report,
    ...(report.user ? { user: names.get(report.user) } : {}),
    results: report.results.map((result) => ({
      ...result,
      message: text(result.message),
      evidence: rewrite(result.evidence) as Record<string, unknown>,
    })),
  }
}

function looksLikePath(text: string): boolean {
  return text.includes('/') || text.includes('\\')
}

function extensionOf(file: string): string {
  const base = path.win32.basename(path.posix.basename(file))
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot).toLowerCase() : ''
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
