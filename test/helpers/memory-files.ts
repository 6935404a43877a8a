/** ScheduleFiles kept in memory, so Windows and macOS paths can be written in tests on any machine. */
import type { ScheduleFiles } from '../../src/schedule/files.js'

export interface MemoryFiles extends ScheduleFiles {
  readonly files: Map<string, Buffer>
  text(file: string): string
}

export function memoryFiles(initial: Record<string, string | Buffer> = {}): MemoryFiles {
  const files = new Map(Object.entries(initial).map(([name, data]) => [name, Buffer.from(data)]))
  return {
    files,
    async read(file) {
      return files.get(file) ?? null
    },
    async write(file, data) {
      files.set(file, Buffer.from(data))
    },
    async remove(file) {
      files.delete(file)
    },
    text(file) {
      const data = files.get(file)
      if (!data) throw new Error(`no file ${file} in memory (have: ${[...files.keys()].join(', ')})`)
      return data.toString('utf8')
    },
  }
}
