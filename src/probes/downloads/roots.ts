/** Which download folders get walked: duplicates merged, a folder inside another one walked as part of it. */
import { access, constants, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '../../core/fs-errors.js'
import type { DOWNLOAD_ROOT_KINDS } from './schema.js'

export type DownloadRootKind = (typeof DOWNLOAD_ROOT_KINDS)[number]
export type RootState = 'scanned' | 'missing' | 'unreadable'

/** A folder where downloaded or received files land, as a platform's folder lookup finds it. */
export interface CandidateRoot {
  path: string
  kind: DownloadRootKind
}

export interface PlannedRoot {
  /** Absolute, as configured (not symlink-resolved), so reports show the path the user knows. */
  path: string
  kind: DownloadRootKind
  /**
   * Index in the plan of the walked root whose walk reaches this folder, or null when this root is
   * walked itself. A nested root (Telegram Desktop inside Downloads) is not walked a second time.
   */
  walkedWith: number | null
  /** This folder as the walk spells it (the walked root's path + the nested part), to attribute files. */
  walkPath: string
  /** The folder's state, checked here; only final for nested roots, the walk decides for the others. */
  state: RootState
}

/**
 * Plans the walk of `candidates` (in priority order):
 * - the same path listed twice is kept once, under the first kind (Downloads before Telegram);
 * - a readable folder whose real path (symlinks resolved) is inside, or equal to, another readable
 *   root, at most `maxDepth` levels down, is not walked on its own: the enclosing walk reaches it,
 *   so no file is read or listed twice, and its own depth counts from the enclosing root. Deeper
 *   than that, the enclosing walk never opens it, so it is walked on its own. A folder reached
 *   through a symbolic link is never inside: the walk does not follow links.
 */
export async function planRoots(candidates: readonly CandidateRoot[], maxDepth: number): Promise<PlannedRoot[]> {
  const unique = new Map<string, DownloadRootKind>()
  for (const candidate of candidates) {
    const resolved = path.resolve(candidate.path)
    if (!unique.has(resolved)) unique.set(resolved, candidate.kind)
  }
  const checked = await Promise.all(
    [...unique].map(async ([rootPath, kind]) => ({ rootPath, kind, ...(await checkFolder(rootPath)) })),
  )
  const plan: PlannedRoot[] = checked.map(({ rootPath, kind, state }) => ({
    path: rootPath,
    kind,
    walkedWith: null,
    walkPath: rootPath,
    state,
  }))
  // Shortest real path first, so an enclosing folder is placed before what it contains.
  const order = checked.map((_, index) => index).filter((index) => checked[index]!.realPath !== null)
  order.sort((a, b) => checked[a]!.realPath!.length - checked[b]!.realPath!.length)
  const walked: number[] = []
  for (const index of order) {
    const real = checked[index]!.realPath!
    const outer = walked.find((candidate) => reachedWithin(checked[candidate]!.realPath!, real, maxDepth))
    if (outer === undefined) {
      walked.push(index)
      continue
    }
    const nested = path.relative(checked[outer]!.realPath!, real)
    plan[index]!.walkedWith = outer
    // Spelled the way fs-walk joins names (plain concatenation), so prefixes compare exactly.
    plan[index]!.walkPath = nested === '' ? plan[outer]!.walkPath : plan[outer]!.walkPath + path.sep + nested
  }
  return plan
}

/** The state of one folder and its real path when it is a readable folder (else null). */
async function checkFolder(folder: string): Promise<{ state: RootState; realPath: string | null }> {
  try {
    if (!(await stat(folder)).isDirectory()) return { state: 'missing', realPath: null }
    await access(folder, constants.R_OK | constants.X_OK)
    return { state: 'scanned', realPath: await realpath(folder) }
  } catch (error) {
    const code = errorCode(error)
    return { state: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', realPath: null }
  }
}

/** Whether a walk of `outer` opens `inner`: it is `outer` itself or below it, at most `maxDepth` levels. */
function reachedWithin(outer: string, inner: string, maxDepth: number): boolean {
  const relative = path.relative(outer, inner)
  if (relative === '') return true
  if (relative === '..' || relative.startsWith('..' + path.sep) || path.isAbsolute(relative)) return false
  return relative.split(path.sep).length <= maxDepth
}
