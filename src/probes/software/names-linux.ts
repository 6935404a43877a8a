/**
 * Linux names of the programs the classifier knows by their display name: Debian and RPM package
 * names, flatpak application ids and /opt folders differ from the names Windows and macOS show
 * ("google-chrome-stable" is "Google Chrome"). The classifier gets the display name and the
 * upstream version; the installed list keeps the package's own name and version.
 */
import type { Program } from './classify.js'

const DISPLAY_NAMES: ReadonlyArray<[RegExp, string]> = [
  [/^(google-chrome-stable|com\.google\.Chrome|google\/chrome)$/, 'Google Chrome'],
  [/^(microsoft-edge-stable|com\.microsoft\.Edge|microsoft\/msedge)$/, 'Microsoft Edge'],
  [/^(coccoc-browser|coccoc\/browser)$/, 'Cốc Cốc'],
  [/^(firefox|firefox-esr|org\.mozilla\.firefox)$/, 'Mozilla Firefox'],
  [/^(chromium|chromium-browser|org\.chromium\.Chromium)$/, 'Chromium'],
  // Debian's metapackage and core, the Document Foundation's own .deb/.rpm (libreoffice24.8), snap, flatpak.
  [/^(libreoffice|libreoffice-core|libreoffice\d+\.\d+|org\.libreoffice\.LibreOffice)$/, 'LibreOffice'],
  [/^(anydesk|com\.anydesk\.Anydesk)$/, 'AnyDesk'],
  [/^(teamviewer|teamviewer-host)$/, 'TeamViewer'],
  [/^(rustdesk|com\.rustdesk\.RustDesk)$/, 'RustDesk'],
]

/**
 * Parts of those programs packaged apart (libreoffice-writer, libobasis24.8-core, firefox-esr-l10n-vi,
 * chromium-common): not programs of their own, and each would be one more office suite or browser.
 */
const COMPONENTS = /^(libreoffice|libobasis|firefox|chromium|google-chrome|microsoft-edge|coccoc)/

/** Vendor folders of /opt whose programs sit one level down (/opt/google/chrome, /opt/microsoft/msedge). */
export const OPT_VENDOR_FOLDERS = ['google', 'microsoft', 'coccoc']

/** `name` is a package name (dpkg's `:amd64` suffix allowed), a flatpak id or a folder below /opt. */
export function classifierProgram(name: string, version: string | null): Program | null {
  // Ubuntu's firefox and chromium-browser debs (`1:1snap1-0ubuntu5`) only install the snap, listed apart.
  if (version?.includes('snap')) return null
  const plain = name.replace(/:[a-z0-9]+$/, '')
  const display = DISPLAY_NAMES.find(([pattern]) => pattern.test(plain))?.[1]
  if (!display && COMPONENTS.test(plain)) return null
  return { name: display ?? plain, version: upstreamVersion(version) }
}

/**
 * The upstream part of a package version, without Debian's epoch and revision or RPM's release:
 * `4:7.4.7-1+deb12u5` → `7.4.7`, `128.5.0esr-1~deb12u1` → `128.5.0esr` (deb-version(7)).
 */
export function upstreamVersion(version: string | null): string | null {
  if (!version) return null
  return version.replace(/^\d+:/, '').replace(/-[^-]*$/, '') || null
}
