/**
 * Every sentence the CLI prints, in Vietnamese and English: the agent's catalogs (en.ts, vi.ts), its
 * uploads' (upload-*.ts), its schedule's (schedule-*.ts), the ward channel's (channel-*.ts), the
 * collector's (collector-*.ts), its dashboard's (dashboard-*.ts) and the printable reports' (report-*.ts).
 * The English ones define the keys; the Vietnamese ones must have exactly the same keys (checked by the
 * compiler and by a test).
 */
import { channelEn } from './channel-en.js'
import { channelVi } from './channel-vi.js'
import { collectorEn } from './collector-en.js'
import { collectorVi } from './collector-vi.js'
import { dashboardEn } from './dashboard-en.js'
import { dashboardVi } from './dashboard-vi.js'
import { en } from './en.js'
import { reportEn } from './report-en.js'
import { reportVi } from './report-vi.js'
import { scheduleEn } from './schedule-en.js'
import { scheduleVi } from './schedule-vi.js'
import { uploadEn } from './upload-en.js'
import { uploadVi } from './upload-vi.js'
import { vi } from './vi.js'

export const LANGS = ['vi', 'en'] as const
export type Lang = (typeof LANGS)[number]
export type MessageKey =
  | keyof typeof en
  | keyof typeof uploadEn
  | keyof typeof channelEn
  | keyof typeof collectorEn
  | keyof typeof dashboardEn
  | keyof typeof reportEn
  | keyof typeof scheduleEn
export type Catalog = Record<MessageKey, string>

export const catalogs: Record<Lang, Catalog> = {
  en: { ...en, ...uploadEn, ...channelEn, ...collectorEn, ...dashboardEn, ...reportEn, ...scheduleEn },
  vi: { ...vi, ...uploadVi, ...channelVi, ...collectorVi, ...dashboardVi, ...reportVi, ...scheduleVi },
}

/** Fills `{name}` placeholders; a missing value is left visible rather than silently dropped. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fill(catalogs[lang][key], vars)
}

/** A message whose key is built at run time (`probe.<id>`, `category.<name>`); the fallback when the catalog has none. */
export function tDynamic(lang: Lang, key: string, fallback: string): string {
  return Object.hasOwn(catalogs[lang], key) ? catalogs[lang][key as MessageKey] : fallback
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
}

/**
 * The language of the OS session: Vietnamese for a vi locale, else English. POSIX locale variables
 * first (LC_ALL overrides LC_MESSAGES overrides LANG), then the runtime's locale (the Windows UI culture).
 */
export function osLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG
  const locale = posix && posix !== 'C' && posix !== 'POSIX' ? posix : Intl.DateTimeFormat().resolvedOptions().locale
  return /^vi([_-]|$)/i.test(locale ?? '') ? 'vi' : 'en'
}
