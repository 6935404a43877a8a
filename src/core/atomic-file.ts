/** Writes a file whole or not at all: a temp file beside it, renamed over it, so a full disk or a crash leaves the old one. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** The file-system calls the write uses; tests pass one that fails as a full disk does. */
export interface AtomicFs {
  mkdir: typeof mkdir
  writeFile: typeof writeFile
  rename: typeof rename
  rm: typeof rm
}

const nodeFs: AtomicFs = { mkdir, writeFile, rename, rm }

/** Creates the folder (readable by the user only) when missing; the file gets `mode`. */
export async function writeFileAtomic(file: string, text: string, mode = 0o600, fs: AtomicFs = nodeFs): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.${process.pid}.tmp`
  try {
    await fs.writeFile(temp, text, { mode })
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
}
