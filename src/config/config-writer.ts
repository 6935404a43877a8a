/**
 * Changes the config file in place (enroll writes `server:`, unenroll removes it), keeping the
 * user's other settings and comments. The new file replaces the old one atomically; a config file
 * that does not parse is never overwritten.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseDocument, type Document } from 'yaml'
import { HygieneError } from '../core/errors.js'
import { errorCode } from '../core/fs-errors.js'
import { ExitCode } from '../core/exit-codes.js'

export async function updateConfigFile(file: string, change: (document: Document) => void): Promise<void> {
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw new HygieneError('file.unreadable', { file, kind: 'config' })
  }
  const document = parseDocument(text)
  if (document.errors.length > 0) throw new HygieneError('config.cannotUpdate', { file })
  change(document)
  const temp = `${file}.${process.pid}.tmp`
  try {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(temp, document.toString(), { encoding: 'utf8', mode: 0o600 })
    await rename(temp, file)
  } catch {
    throw new HygieneError('output.cannotWrite', { file }, ExitCode.CouldNotComplete)
  }
}
