/** Why a file name is risky to open, from the name alone (platform reference §4.2). Pure, cross-platform. */
import type { Platform } from '../../core/platform.js'
import type { RiskReason } from './schema.js'

export type NameReason = Exclude<RiskReason, 'internet-origin'>
type ExtensionReason = Exclude<NameReason, 'double-extension' | 'bidi-override'>
/** Extensions per reason, space-separated as in the platform reference. */
type ExtensionFamilies = Partial<Record<ExtensionReason, string>>
type FamilyMap = ReadonlyMap<string, ExtensionReason>

/**
 * Windows formats are risky on every platform: files from Zalo or e-mail travel on to Windows PCs
 * by USB stick. `one` (OneNote attachments) and `xll` (an Excel add-in DLL) open through Office,
 * so they count as office-macro; `chm` runs its embedded script through hh.exe, so it is a script.
 */
const EVERYWHERE: ExtensionFamilies = {
  executable: 'exe scr pif com bat cmd cpl dll ocx sys gadget',
  installer: 'msi msp msix appx appxbundle',
  script: 'ps1 psm1 psd1 vbs vbe js jse wsf wsh hta sct ws jar py pyw chm',
  shortcut: 'lnk url scf library-ms settingcontent-ms',
  'disk-image': 'iso img vhd vhdx dmg',
  'android-package': 'apk xapk apks',
  'office-macro': 'docm dotm xlsm xltm xlam xll ppam pptm potm sldm one',
}

/** Formats that only run on their own platform (a `.sh` on Windows opens nothing). */
const PLATFORM_ONLY: Record<Platform, ExtensionFamilies> = {
  windows: {},
  linux: { executable: 'sh run bin appimage desktop', installer: 'deb rpm' },
  macos: { executable: 'sh', script: 'command', installer: 'pkg' },
}

const EXTENSIONS: Record<Platform, FamilyMap> = {
  windows: extensionMap(PLATFORM_ONLY.windows),
  linux: extensionMap(PLATFORM_ONLY.linux),
  macos: extensionMap(PLATFORM_ONLY.macos),
}

/** Extensions a scammer puts before the real one so the name reads as a document: `hoa-don.pdf.exe`. */
const DECOYS = 'pdf doc docx xls xlsx ppt pptx odt ods rtf txt csv jpg jpeg png gif bmp webp heic mp3 mp4 mov zip rar'
/** Also when spaces, underscores or zero-width characters push the real one out of view (`Hoa don.pdf     .exe`). */
const DECOY_EXTENSION = new RegExp(`\\.(?:${DECOYS.replaceAll(' ', '|')})[\\s_\u200B-\u200D\u2060]*$`)

/** Embedding and override controls that make `photo_\u202Egpj.exe` display as `photo_exe.jpg`. */
const BIDI_CONTROL = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/

const NON_ASCII = /[^\x00-\x7F]/
/** An extension that is not already lowercase ASCII needs folding before the lookup. */
const NOT_LOWER = /[^a-z0-9-]/
const NOT_RISKY: readonly NameReason[] = Object.freeze([])

/**
 * The name-only reasons a file is risky on `platform`, in schema order; empty for plain documents.
 * Case-insensitive and NFC-normalized (macOS stores decomposed names). Cheap enough to run on every
 * name of a 100,000-file walk: the name is normalized only in the parts that are compared, and a
 * name that is not risky allocates nothing.
 */
export function classifyName(name: string, platform: Platform): readonly NameReason[] {
  const dot = name.lastIndexOf('.')
  // A leading dot starts a hidden name (`.bashrc`), not an extension.
  const family = dot > 0 ? extensionFamily(name.slice(dot + 1), EXTENSIONS[platform]) : undefined
  const bidi = BIDI_CONTROL.test(name)
  if (family === undefined && !bidi) return NOT_RISKY
  const reasons: NameReason[] = []
  if (family !== undefined) {
    reasons.push(family)
    if (DECOY_EXTENSION.test(nfc(name.slice(0, dot)).toLowerCase())) reasons.push('double-extension')
  }
  if (bidi) reasons.push('bidi-override')
  return reasons
}

function extensionFamily(extension: string, families: FamilyMap): ExtensionReason | undefined {
  // Most names end in a lowercase extension: one lookup, no new string (this runs on every file of a walk).
  const family = families.get(extension)
  if (family !== undefined || !NOT_LOWER.test(extension)) return family
  return families.get(nfc(extension).toLowerCase())
}

function nfc(text: string): string {
  // ASCII is its own NFC form; skipping it keeps Node's ICU call off most names.
  return NON_ASCII.test(text) ? text.normalize('NFC') : text
}

function extensionMap(platformOnly: ExtensionFamilies): FamilyMap {
  const map = new Map<string, ExtensionReason>()
  for (const families of [EVERYWHERE, platformOnly]) {
    for (const [reason, extensions] of Object.entries(families) as Array<[ExtensionReason, string]>) {
      for (const extension of extensions.split(' ')) map.set(extension, reason)
    }
  }
  return map
}
