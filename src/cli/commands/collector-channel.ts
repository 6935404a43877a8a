/** `hygiene collector advisory ...` and `hygiene collector incidents|incident ...`: the police's side of the channel. */
import { Argument, Option, type Command } from 'commander'
import { ADVISORY_SEVERITIES } from '../../channel/schema.js'
import { usageError } from '../../core/errors.js'
import { advisoriesText, formatIncidents, INCIDENT_FORMATS, type IncidentFormat } from '../../collector/channel-format.js'
import type { OpenedDb } from '../../collector/db/connect.js'
import { vietnamDayEnd, vietnamDayStart } from '../../collector/vietnam-day.js'
import { CollectorError } from '../../collector/errors.js'
import {
  addAdvisory,
  advisoryProblem,
  AdvisoryInputSchema,
  editAdvisory,
  findAdvisory,
  listAdvisories,
  withdrawAdvisory,
  type AdvisoryInput,
  type AdvisoryRecord,
} from '../../collector/store/advisories.js'
import { INCIDENT_STATUSES, listIncidents, setIncidentStatus, type IncidentStatus } from '../../collector/store/incidents.js'
import type { User } from '../../collector/store/users.js'
import { t, type Lang, type MessageKey } from '../../i18n/index.js'
import { collectList, emit } from '../io.js'
import type { CommandContext } from '../program.js'

export interface CollectorCommandKit {
  ctx: CommandContext
  dbOption: () => Option
  withDb: (url: string, work: (opened: OpenedDb) => Promise<void>) => Promise<void>
}

const DEFAULT_DAYS = 30

interface AdvisoryFlags {
  title?: string
  titleEn?: string
  body?: string
  bodyEn?: string
  units?: string[]
  severity?: AdvisoryInput['severity']
  starts?: string
  expires?: string
  by?: string
  db: string
}

export function registerChannelAdmin(collector: Command, kit: CollectorCommandKit): void {
  const { ctx, dbOption, withDb } = kit
  const say = (key: MessageKey, vars: Record<string, string | number> = {}) => t(ctx.lang, key, vars)
  const now = () => ctx.deps.clock.now()
  const by = (flags: { by?: string }) => flags.by ?? (ctx.deps.host.userName || 'admin')

  const advisoryOptions = (command: Command, required: boolean): Command => {
    const text = (flags: string, key: MessageKey) => (required ? command.requiredOption(flags, say(key)) : command.option(flags, say(key)))
    text('--title <text>', 'cli.option.title')
    text('--body <text>', 'cli.option.body')
    return command
      .option('--title-en <text>', say('cli.option.titleEn'))
      .option('--body-en <text>', say('cli.option.bodyEn'))
      .option('--units <codes>', say('cli.option.units'), collectList)
      .addOption(new Option('--severity <level>', say('cli.option.severity')).choices(ADVISORY_SEVERITIES))
      .option('--starts <day>', say('cli.option.starts'))
      .option('--expires <day>', say('cli.option.expiresDay'))
      .option('--by <name>', say('cli.option.by'))
      .addOption(dbOption())
  }

  const advisory = collector.command('advisory').description(say('cli.collector.advisory'))
  advisoryOptions(advisory.command('add').description(say('cli.collector.advisoryAdd')), true).action(async (flags: AdvisoryFlags) => {
    const at = now()
    const input = validAdvisory(ctx.lang, {
      titleVi: flags.title!,
      titleEn: flags.titleEn ?? null,
      bodyVi: flags.body!,
      bodyEn: flags.bodyEn ?? null,
      severity: flags.severity ?? 'warning',
      units: flags.units ?? null,
      startsAt: flags.starts ? dayStart('--starts', flags.starts) : at.toISOString(),
      expiresAt: flags.expires ? dayEnd('--expires', flags.expires) : new Date(at.getTime() + DEFAULT_DAYS * 86_400_000).toISOString(),
    })
    await withDb(flags.db, async ({ db }) => {
      const added = await addAdvisory(db, input, by(flags), at)
      ctx.io.stdout.write(`${added.id}\n`)
      ctx.io.stderr.write(`${say('collector.advisory.added', { id: added.id, units: added.units?.join(', ') ?? say('collector.advisory.allUnits'), starts: added.startsAt, expires: added.expiresAt ?? '-' })}\n`)
    })
  })
  advisoryOptions(advisory.command('edit <id>').description(say('cli.collector.advisoryEdit')), false).action(async (id: string, flags: AdvisoryFlags) => {
    const number = advisoryId(id)
    await withDb(flags.db, async ({ db }) => {
      const existing = await findAdvisory(db, number)
      if (!existing) throw new CollectorError('unknownAdvisory', { id: number })
      const base = inputOf(existing)
      const input = validAdvisory(ctx.lang, {
        ...base,
        ...(flags.title ? { titleVi: flags.title } : {}),
        ...(flags.titleEn ? { titleEn: flags.titleEn } : {}),
        ...(flags.body ? { bodyVi: flags.body } : {}),
        ...(flags.bodyEn ? { bodyEn: flags.bodyEn } : {}),
        ...(flags.severity ? { severity: flags.severity } : {}),
        ...(flags.units ? { units: flags.units } : {}),
        ...(flags.starts ? { startsAt: dayStart('--starts', flags.starts) } : {}),
        ...(flags.expires ? { expiresAt: dayEnd('--expires', flags.expires) } : {}),
      })
      await editAdvisory(db, number, input, by(flags), now())
      ctx.io.stdout.write(`${say('collector.advisory.edited', { id: number })}\n`)
    })
  })
  advisory
    .command('list')
    .description(say('cli.collector.advisoryList'))
    .addOption(new Option('--format <format>', say('cli.option.format')).choices(['text', 'json']).default('text'))
    .addOption(dbOption())
    .action(async (flags: { format: 'text' | 'json'; db: string }) =>
      withDb(flags.db, async ({ db }) => {
        const records = await listAdvisories(db)
        await emit(ctx.io, flags.format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : advisoriesText(records, now(), ctx.lang), undefined)
      }),
    )
  advisory
    .command('withdraw <id>')
    .description(say('cli.collector.advisoryWithdraw'))
    .option('--by <name>', say('cli.option.by'))
    .addOption(dbOption())
    .action(async (id: string, flags: { by?: string; db: string }) => {
      const number = advisoryId(id)
      await withDb(flags.db, async ({ db }) => {
        await withdrawAdvisory(db, number, by(flags), now())
        ctx.io.stdout.write(`${say('collector.advisory.withdrawn', { id: number })}\n`)
      })
    })

  // The admin CLI runs on the collector's machine with its database: it sees every unit, as an admin.
  const admin = (flags: { by?: string }): User => ({ name: by(flags), role: 'admin', unit: null })
  collector
    .command('incidents')
    .description(say('cli.collector.incidents'))
    .option('--unit <code>', say('cli.option.incidentUnit'))
    .addOption(new Option('--status <status>', say('cli.option.incidentStatus')).choices(INCIDENT_STATUSES))
    .addOption(new Option('--format <format>', say('cli.option.format')).choices(INCIDENT_FORMATS).default('text'))
    .option('-o, --output <file>', say('cli.option.output'))
    .addOption(dbOption())
    .action(async (flags: { unit?: string; status?: IncidentStatus; format: IncidentFormat; output?: string; db: string }) =>
      withDb(flags.db, async ({ db }) => {
        const records = await listIncidents(db, admin({}), { unit: flags.unit?.trim().toUpperCase(), status: flags.status })
        await emit(ctx.io, formatIncidents(records, flags.format, ctx.lang), flags.output)
      }),
    )
  collector
    .command('incident')
    .description(say('cli.collector.incident'))
    .command('status')
    .description(say('cli.collector.incidentStatus'))
    .argument('<reference>')
    .addArgument(new Argument('<status>').choices(INCIDENT_STATUSES))
    .option('--note <text>', say('cli.option.note'))
    .option('--by <name>', say('cli.option.by'))
    .addOption(dbOption())
    .action(async (reference: string, status: IncidentStatus, flags: { note?: string; by?: string; db: string }) => {
      await withDb(flags.db, async ({ db }) => {
        const updated = await setIncidentStatus(db, admin(flags), reference, status, flags.note ?? null, now())
        ctx.io.stdout.write(`${say('collector.incident.updated', { reference: updated.reference, status: say(`collector.incident.status.${updated.status}`) })}\n`)
      })
    })
}

function validAdvisory(lang: Lang, input: AdvisoryInput): AdvisoryInput {
  const parsed = AdvisoryInputSchema.safeParse(input)
  if (parsed.success) return parsed.data
  throw usageError('usage.badAdvisory', advisoryProblem(parsed.error, lang))
}

function inputOf(record: AdvisoryRecord): AdvisoryInput {
  return {
    titleVi: record.title.vi,
    titleEn: record.title.en,
    bodyVi: record.body.vi,
    bodyEn: record.body.en,
    severity: record.severity,
    units: record.units,
    startsAt: record.startsAt,
    expiresAt: record.expiresAt,
  }
}

function advisoryId(text: string): number {
  if (!/^\d{1,9}$/.test(text.trim())) throw usageError('usage.badAdvisoryId', { value: text })
  return Number(text)
}

function day(option: string, text: string, read: (text: string) => Date | null): string {
  const date = read(text)
  if (!date) throw usageError('usage.badDay', { option, value: text })
  return date.toISOString()
}

const dayStart = (option: string, text: string): string => day(option, text, vietnamDayStart)
const dayEnd = (option: string, text: string): string => day(option, text, vietnamDayEnd)
