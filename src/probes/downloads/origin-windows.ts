/** Where files came from on Windows: the Mark-of-the-Web, the `Zone.Identifier` stream beside each file. */
import { readFile } from 'node:fs/promises'
import { errorCode } from '../../core/fs-errors.js'
import type { FileOrigin, OriginLookup, OriginReader } from './scan.js'

/** 3 Internet, 4 Restricted sites; 0-2 are this computer, the intranet and trusted sites (dfur.blog, §4.3). */
const FIRST_OUTSIDE_ZONE = 3

/**
 * Node reads an NTFS alternate data stream as `file:stream` and fails with ENOENT when there is none
 * (nodejs/node-v0.x-archive#6344, §4.3): no mark. Other failures leave that file unchecked; the lookup as a
 * whole counts as checked unless no file could be read at all.
 */
export const readZoneIdentifiers: OriginReader = async (_ctx, paths): Promise<OriginLookup> => {
  const origins = new Map<string, FileOrigin>()
  let failures = 0
  await Promise.all(
    paths.map(async (file) => {
      try {
        const origin = parseZoneIdentifier(await readFile(`${file}:Zone.Identifier`))
        if (origin) origins.set(file, origin)
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') failures++
      }
    }),
  )
  return { checked: paths.length === 0 || failures < paths.length, origins }
}

/**
 * The origin a `Zone.Identifier` stream records when it places the file outside this computer, the intranet
 * and trusted sites; null otherwise. The stream is INI text with CRLF lines (`[ZoneTransfer]`, `ZoneId=3`,
 * `ReferrerUrl=`, `HostUrl=`), UTF-8 with an optional BOM; UTF-16 (FF FE) is read too. Writers add other keys.
 */
export function parseZoneIdentifier(stream: Buffer): FileOrigin | null {
  const utf16 = stream[0] === 0xff && stream[1] === 0xfe
  const text = utf16 ? stream.subarray(2).toString('utf16le') : stream.toString('utf8').replace(/^\uFEFF/, '')
  const values = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const equals = line.indexOf('=')
    if (equals > 0) values.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim())
  }
  const zoneId = Number(values.get('zoneid'))
  if (!Number.isInteger(zoneId) || zoneId < FIRST_OUTSIDE_ZONE) return null
  return { zoneId, url: values.get('hosturl') || values.get('referrerurl') || null }
}
