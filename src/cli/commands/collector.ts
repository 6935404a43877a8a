import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Option, type Command } from 'commander'
import { HygieneError, usageError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { inExecutable } from '../../core/resources.js'
import { dataDir } from '../../core/user-dirs.js'
import { fill, t, tDynamic } from '../../i18n/index.js'
import type { OpenedDb } from '../../collector/db/connect.js'
import { CollectorError } from '../../collector/errors.js'
import { DEFAULT_LIMITS } from '../../collector/server/rate-limit.js'
import { createEnrollCode, revokeDevice } from '../../collector/store/enrollment.js'
import { DEFAULT_RETENTION_DAYS, pruneReports } from '../../collector/store/reports.js'
import { addUnit, listUnits } from '../../collector/store/units.js'
import { addUser, createApiKey, listUsers, ROLES, type Role } from '../../collector/store/users.js'
import { formatUnits, UNIT_FORMATS, type UnitFormat } from '../../collector/units-format.js'
import { emit } from '../io.js'
import { registerChannelAdmin } from './collector-channel.js'
import type { CommandContext } from '../program.js'
import { promptSecret } from '../prompt.js'

export const DEFAULT_PORT = 8750

/**
 * The server, the database drivers and the dashboard load only when a collector command runs, so
 * `hygiene check` on an office PC starts without them.
 */
async function server() {
  const [{ openDatabase }, { buildApp }, { dashboardPlugin }, { builtinRuleWeights }, { unitTable }] = await Promise.all([
    import('../../collector/db/connect.js'),
    import('../../collector/server/app.js'),
    import('../../collector/dashboard/plugin.js'),
    import('../../collector/rule-weights.js'),
    import('../../collector/store/unit-table.js'),
  ])
  return { openDatabase, buildApp, dashboardPlugin, builtinRuleWeights, unitTable }
}

export function registerCollector(program: Command, ctx: CommandContext): void {
  const say = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}) => t(ctx.lang, key, vars)
  const defaultDb = `sqlite:${path.join(dataDir(ctx.deps.host), 'collector.db')}`
  const collector = program.command('collector').description(say('cli.collector.description'))
  const dbOption = () => new Option('--db <url>', say('cli.option.db')).default(defaultDb, 'sqlite:…/collector.db')

  /** Opens the database for one admin command and closes it after, mapping store errors to messages. */
  const withDb = async (url: string, work: (opened: OpenedDb) => Promise<void>): Promise<void> => {
    const opened = await (await server()).openDatabase(url)
    try {
      await work(opened)
    } catch (error) {
      if (error instanceof CollectorError) throw new HygieneError('collector.failed', { reason: collectorMessage(ctx, error) })
      throw error
    } finally {
      await opened.db.destroy()
    }
    ctx.setExitCode(ExitCode.Ok)
  }

  collector
    .command('serve')
    .description(say('cli.collector.serve'))
    .addOption(dbOption())
    .option('--host <host>', say('cli.option.host'), '127.0.0.1')
    .option('--port <port>', say('cli.option.port'), String(DEFAULT_PORT))
    .option('--tls-cert <file>', say('cli.option.tlsCert'))
    .option('--tls-key <file>', say('cli.option.tlsKey'))
    .option('--retention-days <days>', say('cli.option.retentionDays'), String(DEFAULT_RETENTION_DAYS))
    .option('--rate-limit-device <n>', say('cli.option.rateLimitDevice'), String(DEFAULT_LIMITS.perDevicePerMinute))
    .option('--rate-limit-ip <n>', say('cli.option.rateLimitIp'), String(DEFAULT_LIMITS.perIpPerMinute))
    .action(async (flags: { db: string; host: string; port: string; tlsCert?: string; tlsKey?: string; retentionDays: string; rateLimitDevice: string; rateLimitIp: string }) => {
      const port = Number(flags.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('usage.badPort', { value: flags.port })
      if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw usageError('usage.tlsPair')
      const retentionDays = Number(flags.retentionDays)
      if (!Number.isInteger(retentionDays) || retentionDays < 30) throw usageError('usage.badRetention', { value: flags.retentionDays })
      const limits = { perDevicePerMinute: perMinute('--rate-limit-device', flags.rateLimitDevice), perIpPerMinute: perMinute('--rate-limit-ip', flags.rateLimitIp) }
      const https = flags.tlsCert && flags.tlsKey ? { cert: await readFile(flags.tlsCert), key: await readFile(flags.tlsKey) } : undefined
      // The ingest thread is a file of the npm installation; the executable would answer every report 503.
      if (inExecutable) throw new HygieneError('error.nativeUnavailable', { module: 'src/collector/ingest/thread.js' }, ExitCode.CouldNotComplete)
      const { openDatabase, buildApp, dashboardPlugin, builtinRuleWeights } = await server()
      const opened = await openDatabase(flags.db)
      const rules = await builtinRuleWeights(ctx.lang)
      const app = await buildApp({ db: opened.db, clock: ctx.deps.clock, rules, limits, https, plugins: [dashboardPlugin] })
      try {
        await app.listen({ host: flags.host, port })
      } catch (error) {
        await opened.db.destroy()
        throw new HygieneError('collector.cannotListen', { host: flags.host, port, detail: (error as Error).message }, ExitCode.CouldNotComplete)
      }
      ctx.io.stderr.write(`${say('collector.listening', { url: `${https ? 'https' : 'http'}://${flags.host}:${port}`, db: opened.location })}\n`)
      // Pruning runs at start and daily; a failure (database briefly down) waits for the next round.
      const prune = () => void pruneReports(opened.db, ctx.deps.clock.now(), retentionDays).catch(() => {})
      prune()
      const daily = setInterval(prune, 86_400_000).unref()
      await new Promise<void>((resolve) => {
        const stop = () => {
          clearInterval(daily)
          // close() stops accepting and waits for the requests in flight: a 202 is never cut short.
          void app.close().then(() => opened.db.destroy()).then(resolve)
        }
        process.once('SIGTERM', stop)
        process.once('SIGINT', stop)
      })
      ctx.setExitCode(ExitCode.Ok)
    })

  const unit = collector.command('unit').description(say('cli.collector.unit'))
  unit
    .command('add <code>')
    .description(say('cli.collector.unitAdd'))
    .requiredOption('--name <name>', say('cli.option.unitName'))
    .addOption(dbOption())
    .action(async (code: string, flags: { name: string; db: string }) =>
      withDb(flags.db, async ({ db }) => {
        const added = await addUnit(db, code, flags.name, ctx.deps.clock.now())
        ctx.io.stdout.write(`${say('collector.unitAdded', { code: added.code, name: added.name })}\n`)
      }),
    )
  unit
    .command('list')
    .description(say('cli.collector.unitList'))
    .addOption(new Option('--format <format>', say('cli.option.format')).choices(['text', 'json']).default('text'))
    .addOption(dbOption())
    .action(async (flags: { format: 'text' | 'json'; db: string }) =>
      withDb(flags.db, async ({ db }) => {
        const units = await listUnits(db)
        const text = flags.format === 'json' ? JSON.stringify(units, null, 2) : units.map((u) => `${u.code}  ${u.name}`).join('\n')
        await emit(ctx.io, text ? `${text}\n` : '', undefined)
      }),
    )

  collector
    .command('enroll-code')
    .description(say('cli.collector.enrollCode'))
    .command('create')
    .description(say('cli.collector.enrollCodeCreate'))
    .requiredOption('--unit <code>', say('cli.option.unit'))
    .option('--uses <n>', say('cli.option.uses'), '1')
    .option('--expires <duration>', say('cli.option.expires'), '7d')
    .addOption(dbOption())
    .action(async (flags: { unit: string; uses: string; expires: string; db: string }) => {
      const uses = Number(flags.uses)
      if (!Number.isInteger(uses) || uses < 1 || uses > 10_000) throw usageError('usage.badUses', { value: flags.uses })
      const lifetime = parseDuration(flags.expires)
      if (lifetime === null) throw usageError('usage.badDuration', { value: flags.expires })
      await withDb(flags.db, async ({ db }) => {
        const now = ctx.deps.clock.now()
        const expiresAt = lifetime === 0 ? null : new Date(now.getTime() + lifetime)
        const { code, unit: unitCode } = await createEnrollCode(db, { unit: flags.unit, uses, expiresAt }, now)
        // The code alone on stdout, so a script can capture it; the details for people on stderr.
        ctx.io.stdout.write(`${code}\n`)
        ctx.io.stderr.write(`${say('collector.codeCreated', { unit: unitCode, uses, expires: expiresAt?.toISOString() ?? '-' })}\n`)
      })
    })

  const user = collector.command('user').description(say('cli.collector.user'))
  user
    .command('add <name>')
    .description(say('cli.collector.userAdd'))
    .addOption(new Option('--role <role>', say('cli.option.role')).choices(ROLES).makeOptionMandatory())
    .option('--unit <code>', say('cli.option.userUnit'))
    .addOption(dbOption())
    .action(async (name: string, flags: { role: Role; unit?: string; db: string }) => {
      if (flags.role === 'viewer' && !flags.unit) throw usageError('usage.viewerNeedsUnit')
      const password = ctx.io.env.HYGIENE_PASSWORD ?? (await promptSecret(say('collector.passwordPrompt', { name })).catch(() => null))
      if (!password) throw usageError('usage.passwordNeeded')
      await withDb(flags.db, async ({ db }) => {
        const added = await addUser(db, name, flags.role, flags.unit ?? null, password, ctx.deps.clock.now())
        ctx.io.stdout.write(`${say('collector.userAdded', { name: added.name, role: added.role, unit: added.unit ?? '*' })}\n`)
      })
    })
  user
    .command('list')
    .description(say('cli.collector.userList'))
    .addOption(dbOption())
    .action(async (flags: { db: string }) =>
      withDb(flags.db, async ({ db }) => {
        const users = await listUsers(db)
        await emit(ctx.io, users.map((u) => `${u.name}  ${u.role}  ${u.unit ?? '*'}\n`).join(''), undefined)
      }),
    )
  user
    .command('api-key <name>')
    .description(say('cli.collector.apiKey'))
    .addOption(dbOption())
    .action(async (name: string, flags: { db: string }) =>
      withDb(flags.db, async ({ db }) => {
        ctx.io.stdout.write(`${await createApiKey(db, name, ctx.deps.clock.now())}\n`)
      }),
    )

  collector
    .command('units')
    .description(say('cli.collector.units'))
    .addOption(new Option('--format <format>', say('cli.option.format')).choices(UNIT_FORMATS).default('text'))
    .option('-o, --output <file>', say('cli.option.output'))
    .addOption(dbOption())
    .action(async (flags: { format: UnitFormat; output?: string; db: string }) =>
      withDb(flags.db, async ({ db }) => {
        const { unitTable } = await server()
        await emit(ctx.io, formatUnits(await unitTable(db, ctx.deps.clock.now()), flags.format, ctx.lang), flags.output)
      }),
    )

  collector
    .command('device')
    .description(say('cli.collector.device'))
    .command('revoke <id>')
    .description(say('cli.collector.deviceRevoke'))
    .addOption(dbOption())
    .action(async (id: string, flags: { db: string }) =>
      withDb(flags.db, async ({ db }) => {
        await revokeDevice(db, id, ctx.deps.clock.now())
        ctx.io.stdout.write(`${say('collector.deviceRevoked', { id })}\n`)
      }),
    )

  registerChannelAdmin(collector, { ctx, dbOption, withDb })
}

function collectorMessage(ctx: CommandContext, error: CollectorError): string {
  return fill(tDynamic(ctx.lang, `collector.error.${error.code}`, error.code), error.vars)
}

/** A --rate-limit-* value: a whole number of requests a minute, at least 1. */
function perMinute(option: string, value: string): number {
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1) throw usageError('usage.badRateLimit', { option, value })
  return limit
}

/** `7d`, `12h`, `30m`, `2w` → milliseconds; `never` → 0 (no expiry); anything else → null. */
export function parseDuration(text: string): number | null {
  if (text === 'never') return 0
  const match = /^(\d{1,4})([mhdw])$/.exec(text.trim())
  if (!match) return null
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[match[2] as 'm' | 'h' | 'd' | 'w']
  const value = Number(match[1]) * unit
  return value > 0 ? value : null
}
