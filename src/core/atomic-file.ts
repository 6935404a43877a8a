/** Writes a file whole or not at all: a temp file beside it, renamed over it, so a full disk or a crash leaves the old one. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Creates the folder (readable by the user only) when missing; the file gets `mode`. */
export async function writeFileAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.${process.pid}.tmp`
  try {
    await writeFile(temp, text, { mode })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
