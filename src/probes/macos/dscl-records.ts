// The records of `dscl -plist . -readall <path>`: an array of dicts, attribute → array of strings.
import { isDict, parsePlist, PlistError, type PlistDict } from './plist.js'

/**
 * Keys are attribute types with their prefix (`dsAttrTypeStandard:RecordName`,
 * `dsAttrTypeNative:smb_shared`); every value is an array of strings (MunkiReport's users module;
 * a `dscl -plist . -readall /SharePoints` output captured on macOS 26.5.2 in a public test suite).
 */
export function parseDsclRecords(stdout: string): PlistDict[] {
  const records = parsePlist(stdout)
  if (!Array.isArray(records)) throw new PlistError('dscl -readall did not print an array of records')
  return records.filter(isDict)
}

/** The string values of an attribute, whatever its type prefix; empty when the record lacks it. */
export function dsclStrings(record: PlistDict, name: string): string[] {
  for (const [key, value] of record) {
    if (key !== name && !key.endsWith(`:${name}`)) continue
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
  }
  return []
}
