/** Where downloaded and received files land on Linux: XDG user folders, Zalo, Telegram, configured extras. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ProbeContext } from '../probe.js'
import type { CandidateRoot } from './roots.js'

export interface LinuxUserDirs {
  download: string
  desktop: string
  documents: string
}

/** `XDG_DOWNLOAD_DIR="$HOME/Bản tải về"`: the name, then the quoted value with backslash escapes. */
const USER_DIR_LINE = /^\s*XDG_([A-Z]+)_DIR\s*=\s*"((?:[^"\\]|\\.)*)"/

/**
 * The folders of a `user-dirs.dirs` file (key `DOWNLOAD`, `DESKTOP`, ... → absolute path), read the
 * way xdg-user-dirs reads it: `"$HOME/yyy"` relative to `homeDir` or an absolute `"/yyy"`, with
 * shell escapes inside the quotes; other values are skipped. A value equal to the home folder is
 * how xdg-user-dirs disables a folder, so it is skipped too (and a walk of all of home avoided).
 */
export function parseUserDirs(text: string, homeDir: string): Map<string, string> {
  const dirs = new Map<string, string>()
  const home = path.resolve(homeDir)
  for (const line of text.split('\n')) {
    const match = USER_DIR_LINE.exec(line)
    const key = match?.[1]
    const quoted = match?.[2]
    if (key === undefined || quoted === undefined) continue
    let folder: string
    if (quoted === '$HOME' || quoted.startsWith('$HOME/')) folder = resolveBelow(home, unescape(quoted.slice(5)))
    else if (quoted.startsWith('/')) folder = path.resolve(unescape(quoted))
    else continue
    if (folder !== home) dirs.set(key, folder)
  }
  return dirs
}

/** The Downloads, Desktop and Documents folders, from `$XDG_CONFIG_HOME/user-dirs.dirs` or their defaults. */
export async function linuxUserDirs(ctx: ProbeContext): Promise<LinuxUserDirs> {
  const home = ctx.host.homeDir
  const configHome = ctx.host.env.XDG_CONFIG_HOME
  // The XDG spec ignores a relative XDG_CONFIG_HOME.
  const configDir = configHome && path.isAbsolute(configHome) ? configHome : path.join(home, '.config')
  let text = ''
  try {
    text = await readFile(path.join(configDir, 'user-dirs.dirs'), 'utf8')
  } catch {
    // no file (xdg-user-dirs not installed, a server): every folder takes its default
  }
  const dirs = parseUserDirs(text, home)
  return {
    download: dirs.get('DOWNLOAD') ?? path.join(home, 'Downloads'),
    desktop: dirs.get('DESKTOP') ?? path.join(home, 'Desktop'),
    documents: dirs.get('DOCUMENTS') ?? path.join(home, 'Documents'),
  }
}

/**
 * Every folder to look in, in priority order (a path listed twice keeps its first kind). Zalo and
 * Telegram are also looked for at their untranslated places, where they land when the app does not
 * follow a translated XDG folder. Extra paths may start with `~` or be relative to the home folder.
 */
export async function linuxDownloadRoots(ctx: ProbeContext): Promise<CandidateRoot[]> {
  const home = ctx.host.homeDir
  const dirs = await linuxUserDirs(ctx)
  return [
    { path: dirs.download, kind: 'downloads' },
    { path: dirs.desktop, kind: 'desktop' },
    { path: path.join(dirs.documents, 'Zalo Received Files'), kind: 'zalo' },
    { path: path.join(home, 'Zalo Received Files'), kind: 'zalo' },
    { path: path.join(dirs.download, 'Telegram Desktop'), kind: 'telegram' },
    { path: path.join(home, 'Downloads', 'Telegram Desktop'), kind: 'telegram' },
    ...ctx.settings.downloadsExtraPaths.map((extra) => ({ path: expandHome(extra, home), kind: 'extra' as const })),
  ]
}

/** `relative` below `home` even when it starts with a slash (`$HOME//x`), without a trailing slash. */
function resolveBelow(home: string, relative: string): string {
  return path.resolve(path.join(home, relative))
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1')
}

function expandHome(folder: string, home: string): string {
  if (folder === '~' || folder.startsWith('~/')) return resolveBelow(home, folder.slice(1))
  return path.resolve(home, folder)
}
