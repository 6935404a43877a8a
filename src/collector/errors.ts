/**
 * Collector errors with a stable code. The HTTP layer maps them to a status and a JSON body, the
 * admin CLI to a message in the user's language; neither shows a stack trace.
 */
export const COLLECTOR_ERRORS = {
  badUnitCode: 400,
  badUnitName: 400,
  unitExists: 409,
  unknownUnit: 404,
  badEnrollCode: 403,
  unknownUser: 404,
  badUserName: 400,
  userExists: 409,
  badPassword: 400,
  unknownDevice: 404,
  unknownAdvisory: 404,
  unknownIncident: 404,
  incidentNotVisible: 404,
} as const
export type CollectorErrorCode = keyof typeof COLLECTOR_ERRORS

export class CollectorError extends Error {
  constructor(
    readonly code: CollectorErrorCode,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(code)
    this.name = 'CollectorError'
  }

  get status(): number {
    return COLLECTOR_ERRORS[this.code]
  }
}
