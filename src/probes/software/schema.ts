import { z } from 'zod'

/** Remote-access tools that callers posing as police or tax officials make victims install. */
export const REMOTE_TOOLS = ['ultraviewer', 'anydesk', 'teamviewer', 'rustdesk', 'supremo', 'ammyy', 'aweray', 'splashtop', 'chrome-remote-desktop', 'dwservice'] as const
export const BROWSERS = ['chrome', 'edge', 'firefox', 'coccoc', 'chromium', 'opera', 'brave'] as const
export const OFFICE_SUITES = ['microsoft-office', 'libreoffice', 'wps-office'] as const

export const InstalledSchema = z.object({
  name: z.string(),
  version: z.string().nullable(),
  publisher: z.string().nullable(),
  /** registry (Windows uninstall keys), dpkg, rpm, snap, flatpak, app-bundle (macOS /Applications). */
  source: z.enum(['registry', 'dpkg', 'rpm', 'snap', 'flatpak', 'app-bundle']),
})

export const SoftwareFactsSchema = z.object({
  /** What is installed (at most 3,000 entries, for rules on named software). */
  installed: z.array(InstalledSchema),
  /** Names of the programs running now (image names, without paths). */
  running: z.array(z.string()),
  remoteAccessTools: z.array(
    z.object({
      tool: z.enum(REMOTE_TOOLS),
      installed: z.boolean(),
      running: z.boolean(),
      /** What showed it: the installed entry's name, or the process name. */
      evidence: z.string(),
    }),
  ),
  browsers: z.array(z.object({ browser: z.enum(BROWSERS), version: z.string().nullable(), major: z.number().int().nullable() })),
  office: z.array(
    z.object({
      suite: z.enum(OFFICE_SUITES),
      name: z.string(),
      version: z.string().nullable(),
      /** Microsoft Office: 2010, 2013, 2016, 2019, 2021, 2024 or 365; LibreOffice: major.minor (e.g. "24.8"). */
      release: z.string().nullable(),
    }),
  ),
  problems: z.array(z.string()),
})
export type SoftwareFacts = z.infer<typeof SoftwareFactsSchema>
