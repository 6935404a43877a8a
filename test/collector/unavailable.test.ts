/** Which database errors tell a PC to send again later (503) rather than give up (500). */
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from '../../src/collector/server/app.js'

const error = (message: string, code?: string) => Object.assign(new Error(message), code === undefined ? {} : { code })

describe('isDatabaseUnavailable', () => {
  it.each([
    ['PostgreSQL shutting down a backend', error('terminating connection due to administrator command', '57P01')],
    ['PostgreSQL out of connections', error('sorry, too many clients already', '53300')],
    ['a connection failure', error('connection failure', '08006')],
    ['the server refusing connections', error('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a socket written after it closed', error('write EPIPE', 'EPIPE')],
    ['a connection cut', error('Connection terminated unexpectedly')],
    ['a pg client whose connection broke', error('Client has encountered a connection error and is not queryable')],
    ['a pg client closed under it', error('Client was closed and is not queryable')],
    ['an answer cut in the middle', error('Received unexpected dataRow message from backend.')],
    ['the pool waiting too long', error('timeout exceeded when trying to connect')],
    ['SQLite locked', error('database is locked', 'SQLITE_BUSY')],
  ])('is so for %s', (_name, failure) => {
    expect(isDatabaseUnavailable(failure)).toBe(true)
  })

  it.each([
    ['a refused row', error('refused', 'SQLITE_CONSTRAINT_TRIGGER')],
    ['a PostgreSQL syntax error', error('syntax error at or near "x"', '42601')],
    ['a bug', error("Cannot read properties of undefined (reading 'id')")],
  ])('is not so for %s', (_name, failure) => {
    expect(isDatabaseUnavailable(failure)).toBe(false)
  })
})
