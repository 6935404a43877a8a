import { Option, type Command } from 'commander'
import { runCheck } from '../../agent/check.js'
import { openSession } from '../../agent/session.js'
import { usageError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { renderText } from '../../report/render-text.js'
import { collectList, colorLevel, emit } from '../io.js'
import { startProgress } from '../progress.js'
import type { CommandContext } from '../program.js'
import { deliver } from '../../upload/deliver.js'
import { uploadTarget } from '../../upload/target.js'
import { reportDelivery } from './delivery-message.js'
import { sessionOptions, withSessionOptions } from './shared-options.js'
import { deviceTokenStore, networkTools, uploadFlags, withUploadOptions } from './upload-options.js'

interface CheckFlags {
  format: 'text' | 'json'
  upload?: boolean
  ca?: string
  insecureHttp?: boolean
  redact?: boolean
  output?: string
  profile?: string
  config?: string
  rules?: string[]
  only?: string[]
  skip?: string[]
  failUnder?: string
  facts?: string
}

export function registerCheck(program: Command, ctx: CommandContext): void {
  const command = program
    .command('check', { isDefault: true })
    .description(t(ctx.lang, 'cli.check.description'))
    .addOption(new Option('--format <format>', t(ctx.lang, 'cli.option.format')).choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', t(ctx.lang, 'cli.option.output'))
    .option('--only <ids>', t(ctx.lang, 'cli.option.only'), collectList)
    .option('--skip <ids>', t(ctx.lang, 'cli.option.skip'), collectList)
    .option('--fail-under <score>', t(ctx.lang, 'cli.option.failUnder'))
    .option('--facts <file>', t(ctx.lang, 'cli.option.facts'))
    .option('--upload', t(ctx.lang, 'cli.option.upload'))
  withUploadOptions(command, ctx, { redact: true })
  withSessionOptions(command, ctx).action(async (flags: CheckFlags) => {
    const failUnder = parseFailUnder(flags.failUnder)
    const session = await openSession(sessionOptions(ctx, flags), ctx.deps)
    // Checked before the check runs: a PC that is not enrolled learns it at once.
    const target = flags.upload
      ? await uploadTarget(session.config.config, await deviceTokenStore(ctx), uploadFlags(flags), networkTools)
      : null
    const progress = await startProgress(ctx.io, session.lang, flags.format === 'text' && !flags.output)
    let report
    try {
      report = await runCheck(session, ctx.deps, {
        only: flags.only,
        skip: flags.skip,
        factsFile: flags.facts,
        onProgress: progress?.onProgress,
      })
    } finally {
      progress?.stop()
    }
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderText(report, {
            lang: session.lang,
            colorLevel: flags.output ? 0 : colorLevel(ctx.io),
            width: ctx.io.stdout.columns ?? 100,
          })
    await emit(ctx.io, text, flags.output)
    if (flags.output) ctx.io.stderr.write(`${t(session.lang, 'cli.check.written', { file: flags.output, score: report.score.value })}\n`)
    const gate = failUnder !== null && report.score.value < failUnder ? ExitCode.BelowThreshold : ExitCode.Ok
    if (!target) return ctx.setExitCode(gate)
    const delivered = reportDelivery(ctx, await deliver(ctx.deps.host, ctx.deps.clock, target, report), true)
    // A report that waits in the spool matters more to a scheduler than the score gate.
    ctx.setExitCode(delivered === ExitCode.Ok ? gate : delivered)
  })
}

function parseFailUnder(value: string | undefined): number | null {
  if (value === undefined) return null
  const score = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || score < 0 || score > 100) throw usageError('usage.failUnder', { value })
  return score
}
