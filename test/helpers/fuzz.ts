/** Shared pieces of the property-based fuzz tests (test/fuzz): run counts, hostile values, mutations of a valid document. */
import fc from 'fast-check'
import { expect } from 'vitest'
import { HygieneError } from '../../src/core/errors.js'

/** Runs per property in `npm test`; `npm run fuzz` sets HYGIENE_FUZZ_RUNS to thousands. */
const DEFAULT_RUNS = 100

/** A single run that takes longer than this is a hang (the slowest honest run, a login's scrypt, takes ~50 ms). */
const RUN_BUDGET_MS = 5_000

/** Runs of a property: HYGIENE_FUZZ_RUNS times `share` (a costly property takes a share below 1). */
function fuzzRuns(share = 1): number {
  const fromEnv = Number(process.env.HYGIENE_FUZZ_RUNS)
  const runs = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_RUNS
  return Math.max(1, Math.round(runs * share))
}

/** fast-check parameters: the run count, and a per-run time budget so a hang fails with its input. */
export function fuzzParams(share = 1): fc.Parameters<unknown> {
  return { numRuns: fuzzRuns(share), timeout: RUN_BUDGET_MS }
}

/** vitest's limit for one fuzz test: grows with the run count, so `npm run fuzz` is not cut short. */
export function fuzzTimeout(share = 1, msPerRun = 20): number {
  return 20_000 + fuzzRuns(share) * msPerRun
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Keys that reach an object's prototype or shadow its methods when code indexes with them. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']

/** Strings that break naive code: NUL, lone surrogates, markup, SQL, path tricks, percent escapes, formulas. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '\u202e',
  '🙂',
  'Mường Lay',
  '<script>alert(1)</script>',
  "'; DROP TABLE units; --",
  '../../../etc/passwd',
  '%',
  '%E0%A4%A',
  '=1+1',
  '{{x}}',
  'NaN',
  '1e309',
  '-0',
  '\r\n',
  ...PROTOTYPE_KEYS,
]

/** Any string, weighted towards the nasty ones and including ones of 100,000 characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), 'é'.repeat(70_000)) },
)

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 2 ** 53, -(2 ** 53), 1e308, -1e-308, 0.5),
)

/** Any JSON scalar. */
const hostileScalar: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), hostileNumber, hostileString)

/** A key of a JSON object: ordinary, nasty, or one that touches the prototype. */
const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
)

/** Sets a key as an own property, even `__proto__` (plain assignment would change the prototype instead). */
function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Arrays and objects nested `depth` times, around a scalar. */
function nested(depth: number, leaf: Json = 1): Json {
  let value = leaf
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value }
  return value
}

/** Any JSON value: small trees of hostile keys and scalars, or one deep chain. */
export const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.letrec<{ value: Json }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileScalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map((entries) => {
        const object: Record<string, Json> = {}
        for (const [key, value] of entries) setOwn(object, key, value)
        return object
      }),
    ),
  })).value },
  // Deeper chains are built as text by the tests: serializers of the test itself recurse.
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 500 }).map((depth) => nested(depth)) },
)

type Path = Array<string | number>

/** Every path into a JSON value, the root (an empty path) first. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const here = [at]
  if (Array.isArray(value)) return here.concat(...value.map((item, index) => pathsOf(item, [...at, index])))
  if (value !== null && typeof value === 'object') {
    return here.concat(...Object.keys(value).map((key) => pathsOf(value[key]!, [...at, key])))
  }
  return here
}

function childOf(value: Json, key: string | number): Json {
  return (value as Record<string | number, Json>)[key]!
}

/** One change to a document, at a path chosen by index among all its paths. */
type Mutation =
  | { op: 'delete' | 'wrap'; at: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'rename' | 'duplicate'; at: number; key: string }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'wrap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileJson }),
  fc.record({ op: fc.constantFrom('rename' as const, 'duplicate' as const), at: fc.nat(), key: hostileKey }),
)

/** The document with one mutation applied (on a copy): a key deleted, renamed or duplicated, a value replaced or wrapped. */
function applyMutation(document: Json, change: Mutation): Json {
  const copy = structuredClone(document)
  const paths = pathsOf(copy)
  const path = paths[change.at % paths.length]!
  if (path.length === 0) {
    if (change.op === 'replace') return change.value
    if (change.op === 'wrap') return [copy]
    return copy
  }
  const parent = path.slice(0, -1).reduce(childOf, copy) as Record<string | number, Json>
  const key = path[path.length - 1]!
  const value = parent[key]!
  switch (change.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1)
      else delete parent[key]
      break
    case 'wrap':
      parent[key] = [value]
      break
    case 'replace':
      parent[key] = change.value
      break
    case 'rename':
    case 'duplicate':
      if (Array.isArray(parent)) {
        parent.push(value)
      } else {
        if (change.op === 'rename') delete parent[key]
        setOwn(parent as Record<string, Json>, change.key, value)
      }
      break
  }
  return copy
}

/** A valid document changed one to four times. */
export function mutationsOf(document: Json): fc.Arbitrary<Json> {
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((changes) => changes.reduce(applyMutation, document))
}

/** Bytes that are often not UTF-8, or text with NULs and stray control characters. */
export const hostileBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x00, 0x41]),
    Buffer.from([0xc3, 0x28]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from('\u0000\u0000\u0000'),
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  ),
)

/** Text changes a parser meets in damaged files: truncated, a character inserted, a line repeated. */
export function textMutationsOf(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: text.length }).map((at) => text.slice(0, at)),
    fc.tuple(fc.nat({ max: text.length }), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(
      ([at, inserted]) => text.slice(0, at) + inserted + text.slice(at),
    ),
    fc.nat().map((index) => {
      const lines = text.split('\n')
      const line = index % lines.length
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n')
    }),
  )
}

/** Own keys of Object.prototype now, to prove after a run that no input added one. */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort()
}

/**
 * The error of a loader that refused an input: a HygieneError (never a TypeError or a RangeError
 * that the CLI would print as a bug) whose values name the file.
 */
export function expectClearError(error: unknown, file: string): void {
  if (!(error instanceof HygieneError)) throw error
  expect(Object.values(error.vars).join(' ')).toContain(file)
}
