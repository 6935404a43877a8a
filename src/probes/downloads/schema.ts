import { z } from 'zod'

/** Why a file is listed. Name-only reasons come first; internet-origin comes from file metadata. */
export const RISK_REASONS = [
  'executable',
  'installer',
  'script',
  'shortcut',
  'disk-image',
  'android-package',
  'office-macro',
  'double-extension',
  'bidi-override',
  'internet-origin',
] as const
export type RiskReason = (typeof RISK_REASONS)[number]

export const DOWNLOAD_ROOT_KINDS = ['downloads', 'desktop', 'zalo', 'telegram', 'extra'] as const

export const DownloadRootSchema = z.object({
  path: z.string(),
  kind: z.enum(DOWNLOAD_ROOT_KINDS),
  state: z.enum(['scanned', 'missing', 'unreadable']),
})

export const RiskyFileSchema = z.object({
  /** Absolute path. */
  path: z.string(),
  root: z.enum(DOWNLOAD_ROOT_KINDS),
  reasons: z.array(z.enum(RISK_REASONS)).min(1),
  sizeBytes: z.number().int().nullable(),
  modifiedAt: z.string().nullable(),
  ageDays: z.number().int().nullable(),
  /** Where the file came from, when its metadata records it (user.xdg.origin.url, Zone.Identifier HostUrl, quarantine). */
  originUrl: z.string().nullable(),
  /** Windows Mark-of-the-Web zone: 3 Internet, 4 Restricted; null elsewhere or without a mark. */
  zoneId: z.number().int().nullable(),
})
export type RiskyFile = z.infer<typeof RiskyFileSchema>

export const DownloadsFactsSchema = z.object({
  roots: z.array(DownloadRootSchema),
  /** Risky files, newest first, at most 500 of them; `filesTotal` counts them all. */
  files: z.array(RiskyFileSchema),
  filesTotal: z.number().int(),
  entriesScanned: z.number().int(),
  /** The walk stopped at a bound: some folders were not looked into. */
  depthCapReached: z.boolean(),
  entryCapReached: z.boolean(),
  /** Whether origin metadata could be read on this machine (getfattr present, etc.). */
  originChecked: z.boolean(),
})
export type DownloadsFacts = z.infer<typeof DownloadsFactsSchema>
