/** The outcome of the last upload, kept in the data folder for `hygiene status`. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../core/atomic-file.js'
import type { Host } from '../core/host.js'
import { dataDir } from '../core/user-dirs.js'

export const LastUploadSchema = z.object({
  at: z.string(),
  server: z.string(),
  result: z.enum(['delivered', 'spooled', 'rejected', 'unauthorized']),
  reportId: z.string().nullable(),
  /** Why it was not delivered, in plain words. */
  detail: z.string().nullable(),
})
export type LastUpload = z.infer<typeof LastUploadSchema>

const stateFile = (host: Host): string => path.join(dataDir(host), 'last-upload.json')

export async function readLastUpload(host: Host): Promise<LastUpload | null> {
  try {
    const parsed = LastUploadSchema.safeParse(JSON.parse(await readFile(stateFile(host), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function writeLastUpload(host: Host, state: LastUpload): Promise<void> {
  return writeFileAtomic(stateFile(host), JSON.stringify(state))
}
