/**
 * The collector's tables, as Kysely sees them. Times are ISO 8601 UTC text (they sort as text on
 * both databases); flags are 0/1 integers; ids are text, except the numbers people type
 * (`advisory withdraw 3`), which the database assigns.
 */
import type { Generated, Kysely } from 'kysely'

export interface UnitTable {
  code: string
  name: string
  created_at: string
}

export interface EnrollCodeTable {
  /** SHA-256 of the code: the code itself is shown once and never stored. */
  code_hash: string
  unit_code: string
  uses_left: number
  expires_at: string | null
  created_at: string
}

export interface DeviceTable {
  id: string
  unit_code: string
  /** SHA-256 of the device token. */
  token_hash: string
  /** The agent's own device id (a hash of the machine id), to spot a PC enrolled twice. */
  device_key: string
  hostname: string
  os_platform: string
  os_name: string
  enrolled_at: string
  revoked_at: string | null
}

export interface ReportTable {
  report_id: string
  device_id: string
  unit_code: string
  received_at: string
  generated_at: string
  /** Recomputed by the collector from the results; the report's own claim is kept apart. */
  score: number
  claimed_score: number
  score_mismatch: number
  score_version: number
  coverage: number
  critical_failures: number
  body: string
}

/** Each device's newest report, kept apart so the units table never scans the report history. */
export interface DeviceLatestTable {
  device_id: string
  unit_code: string
  report_id: string
  generated_at: string
  score: number
  coverage: number
  critical_failures: number
}

/** The rules that failed in each device's newest report (of devices not revoked). */
export interface DeviceFailureTable {
  device_id: string
  unit_code: string
  rule_id: string
  /** Of the report, so the units table needs no join to keep only recent ones. */
  generated_at: string
}

/** Per unit: its devices not revoked, and totals over their latest reports; kept by triggers (migrations.ts). */
export interface UnitTotalsTable {
  unit_code: string
  devices: number
  /** Devices with a latest report, whatever its age. */
  reported: number
  score_sum: number
  critical_failures: number
}

/** How many devices of a unit fail a rule in their latest report, whatever its age; kept by triggers. */
export interface UnitFailureTable {
  unit_code: string
  rule_id: string
  devices: number
}

export interface UserTable {
  name: string
  role: 'admin' | 'viewer'
  unit_code: string | null
  /** scrypt, with its parameters and salt. */
  password_hash: string
  created_at: string
}

export interface SessionTable {
  /** SHA-256 of the session cookie value. */
  id_hash: string
  user_name: string
  csrf_token: string
  expires_at: string
}

export interface ApiKeyTable {
  key_hash: string
  user_name: string
  created_at: string
}

/** A warning from the police to the PCs of some units (or all); plain text, Vietnamese required. */
export interface AdvisoryTable {
  id: Generated<number>
  title_vi: string
  title_en: string | null
  body_vi: string
  body_en: string | null
  severity: string
  /** 1: every unit; 0: the units in advisory_units. */
  all_units: number
  starts_at: string
  expires_at: string | null
  created_at: string
  created_by: string
  updated_at: string
  updated_by: string
  withdrawn_at: string | null
}

export interface AdvisoryUnitTable {
  advisory_id: number
  unit_code: string
}

/** An incident a PC reported; the unit comes from the device, like a report's. */
export interface IncidentTable {
  incident_id: string
  reference: string
  device_id: string
  unit_code: string
  hostname: string
  kind: string
  occurred_at: string | null
  description: string
  money_given: number
  phone: string | null
  lang: string
  reported_at: string
  received_at: string
  status: string
  updated_at: string
}

/** Who moved an incident from which status to which, and when. */
export interface IncidentEventTable {
  id: Generated<number>
  incident_id: string
  at: string
  user_name: string
  from_status: string
  to_status: string
  note: string | null
}

export interface Database {
  units: UnitTable
  enroll_codes: EnrollCodeTable
  devices: DeviceTable
  reports: ReportTable
  device_latest: DeviceLatestTable
  device_failures: DeviceFailureTable
  unit_totals: UnitTotalsTable
  unit_failures: UnitFailureTable
  users: UserTable
  sessions: SessionTable
  api_keys: ApiKeyTable
  advisories: AdvisoryTable
  advisory_units: AdvisoryUnitTable
  incidents: IncidentTable
  incident_events: IncidentEventTable
}

export type Db = Kysely<Database>
