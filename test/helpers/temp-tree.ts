/** Temp directories for probe tests: a fake system root or home folder built from a file map. */
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

const created: string[] = []

// Removed after the whole file, so a tree made in beforeAll lives through every test.
afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

export interface TreeFile {
  content?: string | Buffer
  /** Modification time to set on the file. */
  mtime?: Date
  mode?: number
}

/** Creates a temp directory holding `files` (relative path → content or options); removed after the test. */
export async function tempTree(files: Record<string, string | TreeFile> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hygiene-test-'))
  created.push(root)
  await writeTree(root, files)
  return root
}

export async function writeTree(root: string, files: Record<string, string | TreeFile>): Promise<void> {
  for (const [relative, spec] of Object.entries(files)) {
    const file = typeof spec === 'string' ? { content: spec } : spec
    const target = path.join(root, relative)
    if (relative.endsWith('/')) {
      await mkdir(target, { recursive: true })
      continue
    }
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, file.content ?? '', file.mode !== undefined ? { mode: file.mode } : {})
    if (file.mtime) await utimes(target, file.mtime, file.mtime)
  }
}
