/** A collector server on a free port, over a fresh database, for API tests through real HTTP. */
import type { FastifyInstance } from 'fastify'
import { afterAll } from 'vitest'
import { fixedClock, type Clock } from '../../src/core/clock.js'
import { buildApp, type CollectorDeps } from '../../src/collector/server/app.js'
import { freshDatabase, type DbKind } from './databases.js'
import { builtinWeights } from './reports.js'

export interface RunningCollector {
  url: string
  app: FastifyInstance
  deps: CollectorDeps
}

export async function startCollector(kind: DbKind, options: Partial<CollectorDeps> & { clock?: Clock } = {}): Promise<RunningCollector> {
  const { db } = await freshDatabase(kind)
  const deps: CollectorDeps = {
    db,
    clock: options.clock ?? fixedClock('2026-11-29T08:00:00Z'),
    rules: await builtinWeights(),
    ...options,
  }
  const app = await buildApp(deps)
  await app.listen({ host: '127.0.0.1', port: 0 })
  afterAll(() => app.close())
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('collector did not listen on a TCP port')
  return { url: `${deps.https ? 'https' : 'http'}://127.0.0.1:${address.port}`, app, deps }
}
