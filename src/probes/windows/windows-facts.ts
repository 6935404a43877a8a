/**
 * The JSON document the Windows script prints, checked with zod, and the one shared run behind every Windows
 * probe: the first probe that asks starts PowerShell, the others await the same answer. Each section is
 * checked only when a probe asks for it, so a section of an unexpected shape fails that probe alone.
 */
import { z } from 'zod'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { parseDmtfDate, parsePsDate } from './dates.js'
import { runPowerShell } from './powershell.js'
import { WINDOWS_FACTS_SCRIPT } from './script.js'

/** A date the script emitted; `\/Date(ms)\/` is accepted too (§0.2). */
const PsDate = z
  .string()
  .refine((text) => parsePsDate(text) !== null, { message: 'not a date' })
  .transform((text) => parsePsDate(text)!)

/** ConvertTo-Json writes a one-item list as the item itself, and an empty one as null (§0.2). */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(item))
}

const text = z.string().nullable()
/**
 * A registry value the script passes on as stored: one of an unexpected type (a number written as REG_SZ by
 * some tool) reads as absent instead of failing the whole section.
 */
const registryText = z.unknown().transform((value) => (typeof value === 'string' && value !== '' ? value : null))
const registryNumber = z
  .unknown()
  .transform((value) => (typeof value === 'number' && Number.isFinite(value) ? value : null))
/**
 * A registry number that may be stored as REG_SZ ("1", "600": the screen saver and Winlogon values) or as a
 * DWORD; anything else reads as absent.
 */
const registryInteger = z.unknown().transform((value) => {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  return typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : null
})

/** `{ ok: true, data }` or `{ ok: false, error }`, as the script's Invoke-Part emits every section and part. */
function part<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ])
}
export type Part<T> = { ok: true; data: T } | { ok: false; error: string }

export const OsSectionSchema = z.object({
  productName: registryText,
  editionId: registryText,
  currentBuild: z.string().regex(/^\d+$/),
  ubr: registryNumber,
  displayVersion: registryText,
  releaseId: registryText,
  machineGuid: registryText,
  architecture: text,
})
export type OsSection = z.infer<typeof OsSectionSchema>

const LocalUserSchema = z.object({
  name: z.string(),
  sid: z.string(),
  enabled: z.boolean(),
  passwordRequired: z.boolean(),
  passwordLastSet: PsDate.nullable(),
  passwordExpires: PsDate.nullable(),
})
export type LocalUser = z.infer<typeof LocalUserSchema>

const AdsiUserSchema = z.object({
  name: z.string(),
  sid: z.string(),
  userFlags: z.number().int(),
  passwordAgeSeconds: z.number().int(),
  passwordExpired: z.number().int(),
  maxPasswordAgeSeconds: registryNumber,
})
export type AdsiUser = z.infer<typeof AdsiUserSchema>

const AutoLogonSchema = z.object({
  autoAdminLogon: registryInteger,
  defaultUserName: registryText,
  defaultPasswordStored: z.boolean(),
})
export type AutoLogon = z.infer<typeof AutoLogonSchema>

export const AccountsSectionSchema = z.object({
  currentUserSid: z.string(),
  localUsers: part(z.object({ users: listOf(LocalUserSchema) })),
  adsiUsers: part(z.object({ users: listOf(AdsiUserSchema) })),
  policy: part(z.object({ maxPasswordAgeSeconds: registryNumber })),
  domain: part(z.object({ partOfDomain: z.boolean() })),
  /** The Administrators group in the run's token (deny-only counts), and whether its rights are in effect. */
  admin: part(z.object({ member: z.boolean(), elevated: z.boolean() })),
  autoLogon: part(AutoLogonSchema),
})
export type AccountsSection = z.infer<typeof AccountsSectionSchema>

const FileHistorySchema = z.object({
  configFolder: z.string(),
  configured: z.boolean(),
  status: text,
  targetUrl: text,
  protectedUpTo: PsDate.nullable(),
  catalogWrittenAt: PsDate.nullable(),
})
export type FileHistory = z.infer<typeof FileHistorySchema>

const OneDriveAccountSchema = z.object({
  name: z.string(),
  userFolder: registryText,
  kfmFoldersProtectedNow: registryNumber,
  lastUploadUnixSeconds: registryNumber,
})
export type OneDriveAccount = z.infer<typeof OneDriveAccountSchema>

const DmtfDate = z
  .string()
  .refine((value) => parseDmtfDate(value) !== null, { message: 'not a DMTF date' })
  .transform((value) => parseDmtfDate(value)!)

export const BackupSectionSchema = z.object({
  fileHistory: part(FileHistorySchema),
  oneDrive: part(z.object({ accounts: listOf(OneDriveAccountSchema) })),
  restorePoints: part(z.object({ creationTimes: listOf(DmtfDate) })),
  windowsBackup: part(z.object({ lastSuccess: PsDate.nullable() })),
})
export type BackupSection = z.infer<typeof BackupSectionSchema>

const PendingUpdateSchema = z.object({
  kb: listOf(z.string()),
  severity: z.string(),
  categories: listOf(z.string()),
  title: z.string(),
})
export type PendingUpdate = z.infer<typeof PendingUpdateSchema>

export const UpdatesSectionSchema = z.object({
  history: part(z.object({ entries: z.number().int(), lastInstalled: PsDate.nullable() })),
  lastSearch: part(z.object({ lastSearchSuccess: PsDate.nullable() })),
  reboot: part(z.object({ windowsUpdate: z.boolean(), servicing: z.boolean() })),
  policy: part(z.object({ noAutoUpdate: registryNumber, disableWindowsUpdateAccess: registryNumber })),
  service: part(z.object({ startMode: text })),
  pending: part(
    z.object({
      answered: z.boolean(),
      waitedSeconds: z.number(),
      checkedAt: PsDate.nullable(),
      updates: listOf(PendingUpdateSchema),
    }),
  ),
})
export type UpdatesSection = z.infer<typeof UpdatesSectionSchema>

export const FoldersSectionSchema = z.object({
  userProfile: z.string().min(1),
  downloads: registryText,
  documents: registryText,
  desktop: registryText,
})
export type FoldersSection = z.infer<typeof FoldersSectionSchema>

/** A product registered in Windows Security Center, with its productState still encoded. */
const SecurityCenterProductSchema = z.object({
  name: z.string(),
  guid: z.string(),
  productExe: z.string(),
  state: z.number().int().nonnegative(),
})
export type SecurityCenterProduct = z.infer<typeof SecurityCenterProductSchema>
const SecurityCenterSchema = part(z.object({ products: listOf(SecurityCenterProductSchema) }))

const DefenderStatusSchema = z.object({
  /** AMRunningMode: "Normal" when Defender is the active antivirus; empty on builds without it. */
  runningMode: z.string(),
  serviceEnabled: z.boolean(),
  antivirusEnabled: z.boolean(),
  realTimeProtectionEnabled: z.boolean(),
  signaturesUpdated: PsDate.nullable(),
  /** DefenderSignaturesOutOfDate, missing on older Defender platforms. */
  signaturesOutOfDate: z.boolean().nullable(),
})
export type DefenderStatus = z.infer<typeof DefenderStatusSchema>

export const AntivirusSectionSchema = z.object({
  defender: part(DefenderStatusSchema),
  securityCenter: SecurityCenterSchema,
})
export type AntivirusSection = z.infer<typeof AntivirusSectionSchema>

export const FirewallSectionSchema = z.object({
  /** Profile names (Domain, Private, Public) and GpoBoolean names (True, False, NotConfigured). */
  profiles: part(z.object({ profiles: listOf(z.object({ name: z.string(), enabled: z.string() })) })),
  securityCenter: SecurityCenterSchema,
})
export type FirewallSection = z.infer<typeof FirewallSectionSchema>

export const EncryptionSectionSchema = z.object({
  systemDrive: z.string().min(1),
  /** System.Volume.BitLockerProtection: null when the shell gives no value. */
  shell: part(z.object({ protection: registryInteger })),
  /** Win32_EncryptableVolume, read only when the run is elevated (null otherwise). */
  volume: part(z.object({ protectionStatus: registryInteger, conversionStatus: registryInteger })).nullable(),
})
export type EncryptionSection = z.infer<typeof EncryptionSectionSchema>

const ScreenSaverSchema = z.object({
  active: registryInteger,
  secure: registryInteger,
  timeoutSeconds: registryInteger,
  executable: registryText,
})
export type ScreenSaver = z.infer<typeof ScreenSaverSchema>

export const ScreenLockSectionSchema = z.object({
  user: ScreenSaverSchema,
  policy: ScreenSaverSchema,
  inactivityTimeoutSecs: registryInteger,
})
export type ScreenLockSection = z.infer<typeof ScreenLockSectionSchema>

const UninstallEntrySchema = z.object({ name: z.string().min(1), version: registryText, publisher: registryText })
export type UninstallEntry = z.infer<typeof UninstallEntrySchema>

export const SoftwareSectionSchema = z.object({
  installed: part(z.object({ programs: listOf(UninstallEntrySchema) })),
  running: part(z.object({ names: listOf(z.string()) })),
})
export type SoftwareSection = z.infer<typeof SoftwareSectionSchema>

const ShareSchema = z.object({
  name: z.string(),
  /** The REG_MULTI_SZ lines: CSCFlags=0, MaxUses=…, Path=D:\KeToan, Permissions=…, Type=0. */
  definition: listOf(z.string()),
  access: part(z.object({ recorded: z.boolean(), nullDacl: z.boolean(), allowed: listOf(z.string()) })),
})
export type Share = z.infer<typeof ShareSchema>

export const SharingSectionSchema = z.object({
  smb1: z.object({
    feature: part(z.object({ installState: registryInteger })),
    server: part(z.object({ enabled: z.boolean() })),
    clientStart: registryInteger,
  }),
  remoteDesktop: z.object({
    deny: registryInteger,
    policyDeny: registryInteger,
    userAuthentication: registryInteger,
    policyUserAuthentication: registryInteger,
  }),
  shares: part(z.object({ shares: listOf(ShareSchema) })),
})
export type SharingSection = z.infer<typeof SharingSectionSchema>

const AutorunPolicySchema = z.object({ noDriveTypeAutoRun: registryInteger, noAutorun: registryInteger })
export type AutorunPolicy = z.infer<typeof AutorunPolicySchema>

export const AutorunSectionSchema = z.object({
  machine: AutorunPolicySchema,
  user: AutorunPolicySchema,
  disableAutoplay: registryInteger,
})
export type AutorunSection = z.infer<typeof AutorunSectionSchema>

type SectionName =
  | 'os'
  | 'accounts'
  | 'backup'
  | 'updates'
  | 'folders'
  | 'antivirus'
  | 'firewall'
  | 'encryption'
  | 'screenlock'
  | 'software'
  | 'sharing'
  | 'autorun'

/** The bootstrap's answer when this PowerShell cannot run the script (Constrained Language Mode, version 2). */
const UnusableSchema = z.object({ unusable: z.string() })
/** Sections are checked one by one, when a probe asks for them. */
const EnvelopeSchema = z.looseObject({ version: z.literal(1) })
export type WindowsFacts = { version: 1 } & Partial<Record<SectionName, unknown>>

/** The parsed output of the one PowerShell run of this scan, started by the first probe that asks. */
export function windowsFacts(ctx: ProbeContext): Promise<WindowsFacts> {
  return ctx.shared.once('windows-facts', async () => {
    const output = await runPowerShell(ctx, WINDOWS_FACTS_SCRIPT)
    const unusable = UnusableSchema.safeParse(output)
    if (unusable.success) {
      throw new ProbeFailure(`${unusable.data.unusable}: the checks need Windows PowerShell 5.1 in full language mode`)
    }
    const checked = EnvelopeSchema.safeParse(output)
    if (!checked.success) {
      throw new ProbeFailure(`Windows PowerShell printed JSON of an unexpected shape (${issueOf(checked.error)})`)
    }
    return checked.data as WindowsFacts
  })
}

/** One section's data, or a ProbeFailure naming what went wrong with it. */
export async function windowsSection<T>(ctx: ProbeContext, name: SectionName, schema: z.ZodType<T>): Promise<T> {
  const checked = part(schema).safeParse((await windowsFacts(ctx))[name])
  if (!checked.success) {
    throw new ProbeFailure(`the ${name} facts from PowerShell have an unexpected shape (${issueOf(checked.error)})`)
  }
  const section = checked.data as Part<T>
  if (!section.ok) throw new ProbeFailure(`Windows PowerShell could not read the ${name} facts: ${section.error}`)
  return section.data
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0]
  return `${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}`
}
