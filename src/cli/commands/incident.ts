/** `hygiene incident`: an incident report to the ward police, from questions or flags; sent, spooled, or saved to hand over. */
import type { Command } from 'commander'
import { z } from 'zod'
import { agentVersion } from '../../agent/version.js'
import { buildIncident, fileIncident, incidentAdvice, type IncidentAnswers, type IncidentOutcome } from '../../channel/incidents.js'
import { incidentReference, type Incident } from '../../channel/schema.js'
import { loadConfig, type Config } from '../../config/config.js'
import { HygieneError, usageError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t, type Lang, type MessageKey } from '../../i18n/index.js'
import { enrolledTarget } from '../../upload/target.js'
import { emit } from '../io.js'
import { answersFromFlags, askIncident, hasIncidentFlags, type IncidentFlags } from '../incident-answers.js'
import type { CommandContext } from '../program.js'
import { questioner } from '../prompt.js'
import { configuredLang, deviceTokenStore, networkTools, uploadFlags, withUploadOptions } from './upload-options.js'

interface IncidentCommandFlags extends IncidentFlags {
  config?: string
  ca?: string
  insecureHttp?: boolean
}

/** The flag that carries each field of the incident, to name it in an error. */
const FLAG_OF: Partial<Record<keyof Incident, string>> = { kind: 'kind', description: 'description', occurredAt: 'when', phone: 'phone' }

export function registerIncident(program: Command, ctx: CommandContext): void {
  const command = program
    .command('incident')
    .description(t(ctx.lang, 'cli.incident.description'))
    .option('--kind <kind>', t(ctx.lang, 'cli.option.kind'))
    .option('--description <text>', t(ctx.lang, 'cli.option.description'))
    .option('--when <date>', t(ctx.lang, 'cli.option.when'))
    .option('--money-given', t(ctx.lang, 'cli.option.moneyGiven'))
    .option('--phone <number>', t(ctx.lang, 'cli.option.phone'))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
  withUploadOptions(command, ctx, { redact: false }).action(async (flags: IncidentCommandFlags) => {
    const { host, clock } = ctx.deps
    const { config } = await loadConfig(host, flags.config, ctx.lang)
    const lang = configuredLang(ctx, config)
    // Before the questions: a broken server setting must not cost the clerk their answers.
    const target = await enrolledTarget(config, await deviceTokenStore(ctx), uploadFlags(flags), networkTools)
    const answers = hasIncidentFlags(flags) ? answersFromFlags(flags, clock.now()) : await ask(ctx, lang)
    const incident = validated(answers, { clock, lang, agentVersion: agentVersion() })
    // The reference first, before any wait on the network: it is the one thing to write down.
    await emit(ctx.io, `${t(lang, 'incident.reference', { reference: incidentReference(incident.incidentId) })}\n`, undefined)
    const outcome = await fileIncident(host, target, incident)
    await emit(ctx.io, `${outcomeLines(incident, outcome, config, lang).join('\n')}\n`, undefined)
    ctx.setExitCode(outcome.kind === 'sent' || outcome.kind === 'notEnrolled' ? ExitCode.Ok : ExitCode.UploadSpooled)
  })
}

async function ask(ctx: CommandContext, lang: Lang): Promise<IncidentAnswers> {
  if (!ctx.io.stdin) throw usageError('usage.incidentNoAnswers')
  const questions = questioner(ctx.io.stdin, ctx.io.stderr)
  try {
    return await askIncident(questions, lang, ctx.deps.clock.now())
  } finally {
    questions.close()
  }
}

/** A value the schema refuses is a usage error naming its flag, in the user's language. */
function validated(answers: IncidentAnswers, context: Parameters<typeof buildIncident>[1]): Incident {
  try {
    return buildIncident(answers, context)
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error
    const issue = error.issues[0]
    const field = String(issue?.path[0] ?? '')
    throw new HygieneError('usage.incidentField', { flag: FLAG_OF[field as keyof Incident] ?? field, problem: issue?.message ?? '' }, ExitCode.UsageError)
  }
}

/** Where the report is, whom to call when it did not reach them, and what to do now. */
function outcomeLines(incident: Incident, outcome: IncidentOutcome, config: Config, lang: Lang): string[] {
  const say = (key: MessageKey, vars: Record<string, string | number> = {}): string => t(lang, key, vars)
  const lines: string[] = []
  switch (outcome.kind) {
    case 'sent':
      lines.push(say('incident.sent'))
      break
    case 'spooled':
      lines.push(say('incident.spooled', { problem: outcome.problem }))
      break
    case 'unauthorized':
      lines.push(say('incident.unauthorized'), say('incident.savedFile', { file: outcome.file }))
      break
    case 'refused':
      lines.push(say('incident.refused', { reason: outcome.reason }), say('incident.savedFile', { file: outcome.file }))
      break
    case 'notEnrolled':
      lines.push(say('incident.notEnrolled'), say('incident.savedFile', { file: outcome.file }))
      break
  }
  // The police learn of it late or not at all unless the person calls: their contact, whenever it was not sent.
  if (outcome.kind !== 'sent') {
    const { police } = config
    lines.push('', police ? say('incident.police', { name: police.name, phone: police.phone }) : say('incident.policeUnknown'))
    if (police?.address) lines.push(say('incident.policeAddress', { address: police.address }))
    lines.push(say('incident.emergency'))
  }
  lines.push('', say('incident.now'), ...incidentAdvice(incident.kind, incident.moneyGiven).map((key) => `  - ${say(key)}`))
  return lines
}
