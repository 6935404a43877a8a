/** Files shipped with the program (rule packs, data tables, package.json): from the package folder, or from the assets of the one-file executable. */
import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type Sea = typeof import('node:sea')

/** The executable's assets, or null from the package folder (and on a Node 20 older than node:sea). */
function seaAssets(): Sea | null {
  try {
    const sea = createRequire(import.meta.url)('node:sea') as Sea
    return sea.isSea() ? sea : null
  } catch {
    return null
  }
}

const sea = seaAssets()

/** Running as the one-file executable (which carries no native modules and no worker thread files). */
export const inExecutable = sea !== null

/** The asset that lists every other one: node:sea cannot list its assets on Node 20. */
export const ASSET_INDEX = 'assets.json'

/**
 * The package root, two levels above this module (src/core/ or dist/core/). Inside the executable,
 * its own path: no real file can be below it, so a shipped file's name never meets one on disk.
 */
export const packageRoot = sea ? process.execPath : fileURLToPath(new URL('../../', import.meta.url))

export function packagePath(...parts: string[]): string {
  return path.join(packageRoot, ...parts)
}

let assetKeys: string[] | undefined

function listAssets(assets: Sea): string[] {
  assetKeys ??= JSON.parse(assets.getAsset(ASSET_INDEX, 'utf8')) as string[]
  return assetKeys
}

/** `rules/01-mission.yaml` for a shipped file inside the executable; null for any other file (a user's pack or config). */
function assetKeyOf(file: string): string | null {
  if (!sea) return null
  const relative = path.relative(packageRoot, path.resolve(file))
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null
  return relative.split(path.sep).join('/')
}

/** Errors shaped like the file system's, so callers report a missing shipped file as they would any file. */
function fsError(code: 'ENOENT' | 'ENOTDIR', file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${file}`), { code })
}

function assetText(assets: Sea, key: string, file: string): string {
  if (!listAssets(assets).includes(key)) throw fsError('ENOENT', file)
  return assets.getAsset(key, 'utf8')
}

export async function readText(file: string): Promise<string> {
  const key = assetKeyOf(file)
  return sea && key !== null ? assetText(sea, key, file) : readFile(file, 'utf8')
}

export function readTextSync(file: string): string {
  const key = assetKeyOf(file)
  return sea && key !== null ? assetText(sea, key, file) : readFileSync(file, 'utf8')
}

export interface FolderEntry {
  name: string
  isFile(): boolean
}

/** The entries of a folder, like `readdir(dir, { withFileTypes: true })`. */
export async function listFolder(dir: string): Promise<FolderEntry[]> {
  const key = assetKeyOf(dir)
  if (!sea || key === null) return readdir(dir, { withFileTypes: true })
  const keys = listAssets(sea)
  if (keys.includes(key)) throw fsError('ENOTDIR', dir)
  const prefix = key === '' ? '' : `${key}/`
  const below = keys.filter((asset) => asset.startsWith(prefix)).map((asset) => asset.slice(prefix.length).split('/'))
  if (below.length === 0) throw fsError('ENOENT', dir)
  const entries = new Map<string, boolean>()
  for (const [name, ...rest] of below) entries.set(name!, rest.length === 0)
  return [...entries].map(([name, isFile]) => ({ name, isFile: () => isFile }))
}
