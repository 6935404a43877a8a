/** `hygiene advisories`: the ward police's warnings for this PC's unit, fresh when enrolled, else the saved copy. */
import { Option, type Command } from 'commander'
import { currentAdvisories, type AdvisoriesLookup } from '../../channel/advisories.js'
import { loadConfig, type Config } from '../../config/config.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { advisoryLines } from '../../report/render-text.js'
import { enrolledTarget, type UploadFlags } from '../../upload/target.js'
import { colorLevel, emit } from '../io.js'
import type { CommandContext } from '../program.js'
import { configuredLang, deviceTokenStore, networkTools, uploadFlags, withUploadOptions } from './upload-options.js'

interface AdvisoriesFlags {
  format: 'text' | 'json'
  config?: string
  ca?: string
  insecureHttp?: boolean
}

/** Fresh from the collector when enrolled, else (or when it does not answer) the saved copy. */
export async function lookupAdvisories(ctx: CommandContext, config: Config, flags: UploadFlags): Promise<AdvisoriesLookup & { enrolled: boolean }> {
  const target = await enrolledTarget(config, await deviceTokenStore(ctx), flags, networkTools)
  return { ...(await currentAdvisories(ctx.deps.host, ctx.deps.clock, target)), enrolled: target !== null }
}

export function registerAdvisories(program: Command, ctx: CommandContext): void {
  const command = program
    .command('advisories')
    .description(t(ctx.lang, 'cli.advisories.description'))
    .addOption(new Option('--format <format>', t(ctx.lang, 'cli.option.format')).choices(['text', 'json']).default('text'))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
  withUploadOptions(command, ctx, { redact: false }).action(async (flags: AdvisoriesFlags) => {
    const { config } = await loadConfig(ctx.deps.host, flags.config, ctx.lang)
    const lang = configuredLang(ctx, config)
    const { shown, problem, enrolled } = await lookupAdvisories(ctx, config, uploadFlags(flags))
    ctx.setExitCode(ExitCode.Ok)
    if (flags.format === 'json') {
      const answer = { enrolled, fetchedAt: shown?.fetchedAt ?? null, cached: shown?.cached ?? false, advisories: shown?.advisories ?? [] }
      return emit(ctx.io, `${JSON.stringify(answer, null, 2)}\n`, undefined)
    }
    const tell = (text: string): unknown => ctx.io.stderr.write(`${text}\n`)
    if (!enrolled) tell(t(lang, 'advisories.notEnrolled'))
    else if (problem) tell(t(lang, 'advisories.unreachable', { problem }))
    if (!shown) return emit(ctx.io, `${t(lang, 'advisories.noneKnown')}\n`, undefined)
    if (shown.advisories.length === 0) return emit(ctx.io, `${t(lang, 'advisories.none')}\n`, undefined)
    const lines = advisoryLines(shown, { lang, colorLevel: colorLevel(ctx.io), width: ctx.io.stdout.columns ?? 100 })
    await emit(ctx.io, `${lines.join('\n')}\n`, undefined)
  })
}
