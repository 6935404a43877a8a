// Recognizes local restic and borg repositories among the configured backup paths and dates their newest backup.
import type { Stats } from 'node:fs'
import { lstat, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Host } from '../../core/host.js'
import { newestFileTime, type ScanLimits } from './file-times.js'
import type { BackupSource } from './schema.js'
import { datedSource, stateOfError, unavailableSource } from './sources.js'
import { parseIsoDateTime } from './timestamps.js'

type Repository = { kind: 'restic' } | { kind: 'borg'; id: string | null }

/** The first line of the README `borg init` writes (borg constants.py REPOSITORY_README). */
const BORG_README = 'This is a Borg Backup repository'
/** A restic snapshot file is named by its SHA-256 id; anything else there is not a snapshot. */
const RESTIC_SNAPSHOT = /^[0-9a-f]{64}$/
/** borg rewrites these at every transaction, numbered by it (platform-reference §2.3). */
const BORG_TRANSACTION_FILE = /^(?:index|integrity|hints)\.\d+$/
const MAX_SMALL_FILE_BYTES = 64 * 1024

/**
 * Where borg keeps what it knows of each repository, as borg's helpers/fs.py get_security_dir() finds it:
 * BORG_SECURITY_DIR, else BORG_CONFIG_DIR/security, else <config home>/borg/security.
 */
export function borgSecurityDir(host: Host): string {
  const { env } = host
  if (env.BORG_SECURITY_DIR) return env.BORG_SECURITY_DIR
  if (env.BORG_CONFIG_DIR) return path.join(env.BORG_CONFIG_DIR, 'security')
  const configHome = env.BORG_BASE_DIR
    ? path.join(env.BORG_BASE_DIR, '.config')
    : env.XDG_CONFIG_HOME || path.join(host.homeDir, '.config')
  return path.join(configHome, 'borg', 'security')
}

/** The repository's backup source, or null when `root` is not a restic or borg repository. */
export async function inspectRepository(
  root: string,
  securityDir: string,
  limits: ScanLimits,
): Promise<BackupSource | null> {
  const repository = await detectRepository(root)
  if (repository?.kind === 'restic') return inspectRestic(root, limits)
  if (repository?.kind === 'borg') return inspectBorg(root, repository.id, securityDir, limits)
  return null
}

async function detectRepository(root: string): Promise<Repository | null> {
  const entry = (name: string): Promise<Stats | null> => lstatOrNull(path.join(root, name))
  const [config, readme, snapshots, data, keys] = await Promise.all([
    entry('config'),
    entry('README'),
    entry('snapshots'),
    entry('data'),
    entry('keys'),
  ])
  if (!config?.isFile()) return null
  if ([snapshots, data, keys].every((dir) => dir?.isDirectory())) return { kind: 'restic' }
  const readmeText = await readSmallFile(path.join(root, 'README'), readme)
  if (!readmeText?.startsWith(BORG_README)) return null
  const configText = await readSmallFile(path.join(root, 'config'), config)
  return { kind: 'borg', id: configText === null ? null : borgRepositoryId(configText) }
}

/** Each snapshot is one file in `snapshots/` whose mtime is the snapshot time; no password needed (§2.3). */
async function inspectRestic(root: string, limits: ScanLimits): Promise<BackupSource> {
  const snapshots = path.join(root, 'snapshots')
  const names = await listFiles(snapshots)
  if (!Array.isArray(names)) return unavailableSource('restic', root, names.state)
  const files = names.filter((name) => RESTIC_SNAPSHOT.test(name)).map((name) => path.join(snapshots, name))
  const newest = await newestFileTime(files, modifiedAt, limits)
  return datedSource('restic', root, newest.newestMs, newest.interrupted)
}

/**
 * The manifest timestamp borg saves in its security dir after each write, else the newest transaction file.
 * borg writes that timestamp in UTC without a zone: Manifest.write() uses datetime.now(timezone.utc)
 * (borg helpers/manifest.py).
 */
async function inspectBorg(
  root: string,
  id: string | null,
  securityDir: string,
  limits: ScanLimits,
): Promise<BackupSource> {
  const manifestFile = id === null ? null : path.join(securityDir, id, 'manifest-timestamp')
  const manifestTime = manifestFile === null ? null : await readManifestTimestamp(manifestFile)
  if (manifestTime) return datedSource('borg', root, manifestTime.getTime(), false)
  const names = await listFiles(root)
  if (!Array.isArray(names)) return unavailableSource('borg', root, names.state)
  const files = names.filter((name) => BORG_TRANSACTION_FILE.test(name)).map((name) => path.join(root, name))
  const newest = await newestFileTime(files, modifiedAt, limits)
  return datedSource('borg', root, newest.newestMs, newest.interrupted)
}

/** The `id` of the `[repository]` section of a borg repository's INI config. */
function borgRepositoryId(configText: string): string | null {
  let section = ''
  for (const line of configText.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
    if (header) {
      section = header[1]!.trim()
      continue
    }
    const id = /^\s*id\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line)
    if (section === 'repository' && id) return id[1]!.toLowerCase()
  }
  return null
}

async function readManifestTimestamp(file: string): Promise<Date | null> {
  try {
    return parseIsoDateTime(await readFile(file, 'utf8'), 'utc')
  } catch {
    return null
  }
}

async function listFiles(dir: string): Promise<string[] | { state: 'missing' | 'unreadable' }> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
  } catch (error) {
    return { state: stateOfError(error) }
  }
}

/** Reads a regular file of a few kilobytes; a large file, a FIFO or a link is not what a repository holds. */
async function readSmallFile(file: string, stats: Stats | null): Promise<string | null> {
  if (!stats?.isFile() || stats.size > MAX_SMALL_FILE_BYTES) return null
  try {
    return await readFile(file, 'utf8')
  } catch {
    return null
  }
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await lstat(file)
  } catch {
    return null
  }
}

function modifiedAt(stats: Stats): number {
  return stats.mtimeMs
}
