// Reads Linux configuration files under the host's system root: missing or forbidden files are null, not errors.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '../../core/fs-errors.js'
import { systemPath } from '../../core/host.js'
import type { ProbeContext } from '../probe.js'
import { listDir } from '../updates/system-files.js'

/** A system file's text (a path under the host's root); null when it is missing or may not be read. */
export function readSystemText(ctx: ProbeContext, file: string): Promise<string | null> {
  return readTextOrNull(systemPath(ctx.host, file))
}

/** The file's text; null when it does not exist or may not be read (other errors are real failures). */
export async function readTextOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EPERM') return null
    throw error
  }
}

export interface ConfigFile {
  path: string
  text: string
}

/**
 * The files of a layered configuration, in the order the program reads them (later ones win): each
 * layer is a file, or `dir/*.conf` for the `.conf` files of a drop-in folder in name order, as
 * LightDM, SDDM and systemd read them. Missing files and folders are left out.
 */
export async function readConfigLayers(ctx: ProbeContext, layers: readonly string[]): Promise<ConfigFile[]> {
  const files = await Promise.all(
    layers.map(async (layer) => {
      if (!layer.endsWith('/*.conf')) return [layer]
      const dir = path.posix.dirname(layer)
      return (await listDir(ctx, dir)).filter((name) => name.endsWith('.conf')).map((name) => path.posix.join(dir, name))
    }),
  )
  const read = await Promise.all(
    files.flat().map(async (file) => {
      const text = await readSystemText(ctx, file)
      return text === null ? null : { path: file, text }
    }),
  )
  return read.filter((file): file is ConfigFile => file !== null)
}
