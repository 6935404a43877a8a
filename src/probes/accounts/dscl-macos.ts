// Parsers for the macOS directory tools: `dscl -plist . -readall /Users ...` and `pwpolicy -getaccountpolicies`.
import { dateAt, isDict, numberAt, parsePlist, PlistError, type PlistDict, type PlistValue } from '../macos/plist.js'

export interface DsclUser {
  name: string
  uid: number
  shell: string
  /** The AuthenticationAuthority values; null when the record has none. */
  authenticationAuthority: string[] | null
  /** The `accountPolicyData` plist; null when absent or not readable by this user. */
  accountPolicy: AccountPolicy | null
}

export interface AccountPolicy {
  passwordLastSetAt: Date | null
}

/**
 * The records of `dscl -plist . -readall /Users <attributes>`: a plist array of dicts whose keys are
 * the attribute types (`dsAttrTypeStandard:UniqueID`, `dsAttrTypeNative:accountPolicyData`) and whose
 * values are arrays of strings (MunkiReport's users module and robbiepc30/LocalAccountManagement.MacOS
 * read it so). Records without a name or a numeric UniqueID are skipped.
 */
export function parseDsclUsers(stdout: string): DsclUser[] {
  const records = parsePlist(stdout)
  if (!Array.isArray(records)) throw new PlistError('dscl -readall did not print an array of records')
  return records.filter(isDict).flatMap((record) => {
    const name = firstValue(record, 'RecordName')
    const uid = firstValue(record, 'UniqueID') ?? ''
    if (name === null || !/^-?\d+$/.test(uid)) return []
    const authority = attribute(record, 'AuthenticationAuthority')
    const policy = attributeValues(record, 'accountPolicyData')[0]
    return [
      {
        name,
        uid: Number(uid),
        shell: firstValue(record, 'UserShell') ?? '',
        authenticationAuthority: Array.isArray(authority) ? authority.filter(isString) : null,
        accountPolicy: policy === undefined ? null : parseAccountPolicy(policy),
      },
    ]
  })
}

/** The attribute whatever its type prefix: `dsAttrTypeStandard:UniqueID` and `UniqueID` alike. */
function attribute(record: PlistDict, name: string): PlistValue | undefined {
  for (const [key, value] of record) if (key === name || key.endsWith(`:${name}`)) return value
  return undefined
}

function attributeValues(record: PlistDict, name: string): readonly PlistValue[] {
  const value = attribute(record, name)
  return Array.isArray(value) ? value : []
}

function firstValue(record: PlistDict, name: string): string | null {
  const value = attributeValues(record, name)[0]
  return typeof value === 'string' ? value : null
}

function isString(value: PlistValue): value is string {
  return typeof value === 'string'
}

/**
 * `accountPolicyData` is itself an XML plist, given by dscl as a string (a raw dslocal record holds
 * it as data). `passwordLastSetTime` is a `<real>` of seconds since the Unix epoch (osquery
 * account_policy_data.mm; captured `dscl . -read` outputs); OS X 10.8-10.9 wrote a `<date>`
 * (franton/Extension-Attributes), read too. Null when the value is not a plist.
 */
export function parseAccountPolicy(value: PlistValue): AccountPolicy | null {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null
  if (text === null) return null
  let policy: PlistValue
  try {
    policy = parsePlist(text)
  } catch {
    return null
  }
  if (!isDict(policy)) return null
  const seconds = numberAt(policy, 'passwordLastSetTime')
  const lastSet = seconds !== null && seconds > 0 ? new Date(seconds * 1000) : dateAt(policy, 'passwordLastSetTime')
  return { passwordLastSetAt: lastSet }
}

/** `;DisabledUser;` in AuthenticationAuthority disables login (what Chef's mac_user provider writes to lock a user). */
export function isDisabledUser(authority: readonly string[]): boolean {
  return authority.some((value) => value.includes(';DisabledUser;'))
}

/** `;ShadowHash;HASHLIST:<SALTED-SHA512-PBKDF2,...>` marks a local password (seen in many dslocal user plists). */
export function hasShadowHash(authority: readonly string[]): boolean {
  return authority.some((value) => value.startsWith(';ShadowHash;'))
}

/**
 * The maximum password age in days of `pwpolicy -getaccountpolicies`, whose first line is prose and
 * the rest a plist (DISA STIG and NIST macos_security strip it with `tail -n +2`). NIST's
 * pwpolicy_max_lifetime_enforce check reads the integer after the key `policyAttributeExpiresEveryNDays`,
 * which a configuration profile's maxPINAgeInDays also produces. The smallest such value wins; null
 * when no policy sets one (a machine with no policy prints `<dict/>`).
 */
export function parsePolicyMaxDays(stdout: string): number | null {
  const days = valuesOfKey(parsePlist(stdout), 'policyAttributeExpiresEveryNDays').filter(
    (value): value is number => typeof value === 'number' && value > 0,
  )
  return days.length > 0 ? Math.min(...days) : null
}

function valuesOfKey(value: PlistValue, key: string): PlistValue[] {
  if (Array.isArray(value)) return value.flatMap((item: PlistValue) => valuesOfKey(item, key))
  if (!isDict(value)) return []
  return [...value].flatMap(([name, child]) => (name === key ? [child] : valuesOfKey(child, key)))
}
