/**
 * Recognises remote-access tools, browsers and office suites among installed programs and running
 * processes, by name, the same way on every platform. Names are compared lowercase, without spaces
 * and punctuation, so "UltraViewer", "ultraviewer_desktop.exe" and "UltraViewer.app" all match.
 */
import { BROWSERS, OFFICE_SUITES, REMOTE_TOOLS, type SoftwareFacts } from './schema.js'

type RemoteTool = (typeof REMOTE_TOOLS)[number]
type Browser = (typeof BROWSERS)[number]
type OfficeSuite = (typeof OFFICE_SUITES)[number]

/** Installed-program names and process image names of each tool (compacted, see `compact`). */
const REMOTE_TOOL_NAMES: Record<RemoteTool, { installed: RegExp; process: RegExp }> = {
  ultraviewer: { installed: /^ultraviewer/, process: /^ultraviewer/ },
  anydesk: { installed: /^anydesk/, process: /^anydesk/ },
  teamviewer: { installed: /^teamviewer/, process: /^teamviewer/ },
  rustdesk: { installed: /^rustdesk/, process: /^rustdesk/ },
  supremo: { installed: /^supremo/, process: /^supremo/ },
  ammyy: { installed: /^ammyy/, process: /^(aav3|ammyy)/ },
  aweray: { installed: /^(awesun|aweray)/, process: /^(awesun|aweray)/ },
  splashtop: { installed: /^splashtop/, process: /^(srstreamer|splashtop|srserver)/ },
  'chrome-remote-desktop': { installed: /^chromeremotedesktop/, process: /^remotinghost/ },
  dwservice: { installed: /^dwagent|^dwservice/, process: /^dwagent/ },
}

const BROWSER_NAMES: Array<[Browser, RegExp]> = [
  ['coccoc', /^coccoc/],
  ['chrome', /^(googlechrome|chrome)$/],
  ['edge', /^microsoftedge$/],
  ['firefox', /^(mozillafirefox|firefox)/],
  ['chromium', /^chromium(browser)?$/],
  ['opera', /^opera(stable|browser)?$/],
  ['brave', /^brave(browser)?$/],
]

const OFFICE_NAMES: Array<[OfficeSuite, RegExp]> = [
  ['microsoft-office', /^(microsoftoffice|microsoft365|office16|office15|office14)/],
  ['libreoffice', /^libreoffice/],
  ['wps-office', /^(wpsoffice|kingsoftoffice)/],
]

/**
 * Lowercase letters and digits only, Vietnamese diacritics removed ("Cốc Cốc" → "coccoc"); the
 * extension of a process image (.exe, .app) is dropped first.
 */
export function compact(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/\.(exe|app)$/, '')
    .replace(/[^a-z0-9]/g, '')
}

export interface Program {
  name: string
  version: string | null
}

export function remoteAccessTools(installed: Program[], running: string[]): SoftwareFacts['remoteAccessTools'] {
  const found: SoftwareFacts['remoteAccessTools'] = []
  for (const tool of REMOTE_TOOLS) {
    const names = REMOTE_TOOL_NAMES[tool]
    const program = installed.find((entry) => names.installed.test(compact(entry.name)))
    const process = running.find((name) => names.process.test(compact(name)))
    if (program || process) {
      found.push({ tool, installed: program !== undefined, running: process !== undefined, evidence: program?.name ?? process! })
    }
  }
  return found
}

export function browsers(installed: Program[]): SoftwareFacts['browsers'] {
  const found: SoftwareFacts['browsers'] = []
  for (const [browser, pattern] of BROWSER_NAMES) {
    const program = installed.find((entry) => pattern.test(compact(entry.name)))
    if (program && !found.some((known) => known.browser === browser)) {
      found.push({ browser, version: program.version, major: majorOf(program.version) })
    }
  }
  return found
}

export function officeSuites(installed: Program[]): SoftwareFacts['office'] {
  const found: SoftwareFacts['office'] = []
  for (const entry of installed) {
    const suite = OFFICE_NAMES.find(([, pattern]) => pattern.test(compact(entry.name)))?.[0]
    if (!suite || found.some((known) => known.suite === suite && known.name === entry.name)) continue
    found.push({ suite, name: entry.name, version: entry.version, release: releaseOf(suite, entry.name, entry.version) })
  }
  return found
}

/** The apps of Microsoft Office for Mac: one bundle each, named without "Office" or a year. */
const MAC_OFFICE_APPS = /^microsoft(word|excel|powerpoint)$/

/**
 * Microsoft Office for Mac, from the version of its Word, Excel or PowerPoint bundle. 14.x is
 * Office 2011 and 15.x or 16.0-16.16 Office 2016; 16.17-16.78 is Office 2019 (its last update was
 * 16.78) or a Microsoft 365 copy not updated since October 2023, unsupported either way; later 16.x
 * versions are shared by 2021, 2024 and Microsoft 365, so they count as current.
 */
export function macOfficeSuites(installed: Program[]): SoftwareFacts['office'] {
  const app = installed.find((entry) => MAC_OFFICE_APPS.test(compact(entry.name)))
  if (!app) return []
  const [major = 0, minor = 0] = (app.version ?? '').split('.').map(Number)
  const release =
    app.version === null || Number.isNaN(major) ? null
    : major === 14 ? 'mac-2011'
    : major === 15 || (major === 16 && minor <= 16) ? 'mac-2016'
    : major === 16 && minor <= 78 ? 'mac-2019'
    : major >= 16 ? '365'
    : null
  return [{ suite: 'microsoft-office', name: `Microsoft Office for Mac (${app.name} ${app.version ?? '?'})`, version: app.version, release }]
}

export function majorOf(version: string | null): number | null {
  const match = /^(\d+)/.exec(version ?? '')
  return match ? Number(match[1]) : null
}

/**
 * Microsoft Office: the year in its name ("Microsoft Office Professional Plus 2016"), "365" for
 * subscriptions, else from the version (16.0 is 2016/2019/2021/2024 alike, so it stays unknown);
 * LibreOffice: major.minor of its version.
 */
function releaseOf(suite: OfficeSuite, name: string, version: string | null): string | null {
  if (suite === 'microsoft-office') {
    if (/365/.test(name)) return '365'
    const year = /\b(20(?:07|10|13|16|19|21|24))\b/.exec(name)?.[1]
    if (year) return year
    const major = majorOf(version)
    return major === 15 ? '2013' : major === 14 ? '2010' : major === 12 ? '2007' : null
  }
  if (suite === 'libreoffice') return /^(\d+\.\d+)/.exec(version ?? '')?.[1] ?? null
  return null
}
