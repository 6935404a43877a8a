/** Reads the entries of a ZIP archive (an XLSX file) with Node's zlib, to check what an export holds. */
import { inflateRawSync } from 'node:zlib'

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06])
const DIRECTORY_ENTRY = 0x02014b50

/** Each entry's name and text (stored or deflated entries only, which is all an XLSX writer uses). */
export function unzipText(archive: Buffer): Map<string, string> {
  const end = archive.lastIndexOf(END_OF_DIRECTORY)
  if (end < 0) throw new Error('not a ZIP archive')
  const count = archive.readUInt16LE(end + 10)
  let offset = archive.readUInt32LE(end + 16)
  const entries = new Map<string, string>()
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(offset) !== DIRECTORY_ENTRY) throw new Error('broken ZIP central directory')
    const method = archive.readUInt16LE(offset + 10)
    const size = archive.readUInt32LE(offset + 20)
    const nameLength = archive.readUInt16LE(offset + 28)
    const skip = nameLength + archive.readUInt16LE(offset + 30) + archive.readUInt16LE(offset + 32)
    const local = archive.readUInt32LE(offset + 42)
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength)
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28)
    const data = archive.subarray(start, start + size)
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'))
    offset += 46 + skip
  }
  return entries
}
