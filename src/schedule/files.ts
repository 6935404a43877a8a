// The files a schedule writes (definitions, launcher), injectable so tests keep Windows and macOS paths in memory.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { errorCode } from '../core/fs-errors.js'

export interface ScheduleFiles {
  /** The file's bytes, or null when it does not exist. */
  read(file: string): Promise<Buffer | null>
  /** Writes the file, creating its folder. */
  write(file: string, data: string | Buffer): Promise<void>
  /** Removes the file; nothing happens when it does not exist. */
  remove(file: string): Promise<void>
}

export const diskFiles: ScheduleFiles = {
  async read(file) {
    try {
      return await readFile(file)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null
      throw error
    }
  },
  async write(file, data) {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, data)
  },
  async remove(file) {
    await rm(file, { force: true })
  },
}
