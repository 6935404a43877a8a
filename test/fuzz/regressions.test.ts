/** Replays every input the fuzz properties once broke something with (test/fixtures/fuzz), so each bug stays fixed. */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { HygieneError } from '../../src/core/errors.js'
import { loadPack } from '../../src/engine/load-rules.js'
import { factsSchema } from '../../src/probes/registry.js'
import { SESSION_COOKIE } from '../../src/collector/server/app.js'
import { DB_KINDS, noPostgres, type DbKind } from '../helpers/databases.js'
import { expectPageAnswer, fuzzWard, type FuzzWard } from '../helpers/fuzz-collector.js'
import { testHost } from '../helpers/probe-context.js'

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/fuzz/${name}`, import.meta.url))

async function refusal(load: () => Promise<unknown>): Promise<HygieneError> {
  try {
    await load()
  } catch (error) {
    if (error instanceof HygieneError) return error
    throw error
  }
  throw new Error('the file was accepted')
}

describe('fuzz regressions: YAML files', () => {
  it('refuses a "billion laughs" alias bomb in a rule pack as invalid YAML, not a ReferenceError', async () => {
    const file = fixture('pack-alias-bomb.yaml')
    const error = await refusal(() => loadPack(file, { lang: 'en', facts: factsSchema }))
    expect(error.key).toBe('yaml.syntax')
    expect(error.vars).toMatchObject({ file, line: 2 })
  })

  it('refuses a condition that contains itself through an alias, not a stack overflow', async () => {
    const file = fixture('pack-alias-loop.yaml')
    const error = await refusal(() => loadPack(file, { lang: 'en', facts: factsSchema }))
    expect(error.vars).toMatchObject({ file, line: 9, detail: 'an alias refers to a node that contains it' })
  })

  it('refuses a config merging an alias to no anchor as invalid YAML, not a ReferenceError', async () => {
    const file = fixture('config-unresolved-alias.yaml')
    const error = await refusal(() => loadConfig(testHost(), file, 'en'))
    expect(error.key).toBe('yaml.syntax')
    expect(error.vars).toMatchObject({ file, line: 2 })
  })
})

interface SavedRequest {
  db: DbKind
  found: string
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  auth?: 'api-key' | 'admin-form'
  status: number
}

const requests = JSON.parse(await readFile(fixture('collector-requests.json'), 'utf8')) as SavedRequest[]

describe.each(DB_KINDS)('fuzz regressions: collector requests on %s', (kind) => {
  describe.skipIf(kind === 'postgres' && noPostgres)(kind, () => {
    let ward: FuzzWard
    beforeAll(async () => {
      ward = await fuzzWard(kind)
    })
    // Each request found on one database is replayed on both: the answer must not depend on it.
    it.each(requests)('$found', async (saved) => {
      const auth =
        saved.auth === 'api-key'
          ? { authorization: `Bearer ${ward.apiKey}` }
          : saved.auth === 'admin-form'
            ? { cookie: `${SESSION_COOKIE}=${encodeURIComponent(ward.admin.id)}`, 'content-type': 'application/x-www-form-urlencoded' }
            : {}
      const payload = saved.auth === 'admin-form' ? new URLSearchParams({ csrf: ward.admin.csrfToken }).toString() : undefined
      const response = await ward.app.inject({ method: saved.method, url: saved.url, headers: { ...saved.headers, ...auth }, ...(payload ? { payload } : {}) })
      expectPageAnswer(response)
      if (kind === saved.db) expect(response.statusCode).toBe(saved.status)
    })
  })
})
