import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { Option, type Command } from 'commander'
import { runCheck } from '../../agent/check.js'
import type { ShownAdvisories } from '../../channel/advisory-view.js'
import { openSession, type Session } from '../../agent/session.js'
import { usageError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { dataDir, hostPath } from '../../core/user-dirs.js'
import { t } from '../../i18n/index.js'
import { renderHtml } from '../../report/render-html.js'
import { renderSummary } from '../../report/render-summary.js'
import { renderText, renderScoreLine } from '../../report/render-text.js'
import type { Report } from '../../report/schema.js'
import { collectList, colorLevel, emit } from '../io.js'
import { openFile } from '../open-file.js'
import { startProgress } from '../progress.js'
import type { CommandContext } from '../program.js'
import { deliver } from '../../upload/deliver.js'
import { uploadTarget } from '../../upload/target.js'
import { lookupAdvisories } from './advisories.js'
import { reportDelivery } from './delivery-message.js'
import { sessionOptions, withSessionOptions } from './shared-options.js'
import { deviceTokenStore, networkTools, uploadFlags, withUploadOptions } from './upload-options.js'

const FORMATS = ['text', 'json', 'html', 'summary'] as const
type Format = (typeof FORMATS)[number]

interface CheckFlags {
  format: Format
  quiet?: boolean
  open?: boolean
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
    .addOption(new Option('--format <format>', t(ctx.lang, 'cli.option.format')).choices(FORMATS).default('text'))
    .option('-o, --output <file>', t(ctx.lang, 'cli.option.output'))
    .option('-q, --quiet', t(ctx.lang, 'cli.option.quiet'))
    .option('--open', t(ctx.lang, 'cli.option.open'))
    .option('--only <ids>', t(ctx.lang, 'cli.option.only'), collectList)
    .option('--skip <ids>', t(ctx.lang, 'cli.option.skip'), collectList)
    .option('--fail-under <score>', t(ctx.lang, 'cli.option.failUnder'))
    .option('--facts <file>', t(ctx.lang, 'cli.option.facts'))
    .option('--upload', t(ctx.lang, 'cli.option.upload'))
  withUploadOptions(command, ctx, { redact: true })
  withSessionOptions(command, ctx).action(async (flags: CheckFlags, self: Command) => {
    const failUnder = parseFailUnder(flags.failUnder)
    if (flags.open && flags.format !== 'html') throw usageError('usage.openNeedsHtml')
    // --log-file is how a schedule runs the check: whatever the scheduler set, stay out of the clerk's way.
    if (self.optsWithGlobals<{ logFile?: string }>().logFile !== undefined) ctx.deps.lowerPriority?.()
    const session = await openSession(sessionOptions(ctx, flags), ctx.deps)
    // Checked before the check runs: a PC that is not enrolled learns it at once.
    const target = flags.upload
      ? await uploadTarget(session.config.config, await deviceTokenStore(ctx), uploadFlags(flags), networkTools)
      : null
    const progress = await startProgress(ctx.io, session.lang, flags.format === 'text' && !flags.output && !flags.quiet)
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
    // --open needs a file: without --output the report goes to the agent's own data folder.
    const output = flags.output ?? (flags.open ? await defaultHtmlFile(ctx, report) : undefined)
    const advisories = showsAdvisories(flags) ? await advisoriesFor(ctx, session, flags) : null
    await emit(ctx.io, render(report, flags, session, ctx, output, advisories), output)
    if (output && !flags.quiet) ctx.io.stderr.write(`${t(session.lang, 'cli.check.written', { file: output, score: report.score.value })}\n`)
    if (flags.open && output) {
      const opened = await openFile(ctx.deps.run, ctx.deps.host.platform, path.resolve(output))
      ctx.io.stderr.write(`${t(session.lang, opened ? 'cli.check.opened' : 'cli.check.openFailed', { file: path.resolve(output) })}\n`)
    }
    const gate = failUnder !== null && report.score.value < failUnder ? ExitCode.BelowThreshold : ExitCode.Ok
    if (!target) return ctx.setExitCode(gate)
    const delivered = reportDelivery(ctx, await deliver(ctx.deps.host, ctx.deps.clock, target, report), true)
    // A report that waits in the spool matters more to a scheduler than the score gate.
    ctx.setExitCode(delivered === ExitCode.Ok ? gate : delivered)
  })
}

function render(report: Report, flags: CheckFlags, session: Session, ctx: CommandContext, output: string | undefined, advisories: ShownAdvisories | null): string {
  switch (flags.format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`
    case 'html':
      return renderHtml(report, session.lang, advisories)
    case 'summary':
      return renderSummary(report, session.lang, advisories)
    case 'text': {
      const colour = output ? 0 : colorLevel(ctx.io)
      if (flags.quiet) return renderScoreLine(report, { lang: session.lang, colorLevel: colour })
      return renderText(report, { lang: session.lang, colorLevel: colour, width: ctx.io.stdout.columns ?? 100 }, advisories)
    }
  }
}

/** The JSON report is a contract without them, and --quiet is the score line alone. */
function showsAdvisories(flags: CheckFlags): boolean {
  return flags.format !== 'json' && !(flags.format === 'text' && flags.quiet)
}

/** An enrolled PC's warnings (fresh, else the saved copy); nothing for a PC that is not enrolled. Never fails the check. */
async function advisoriesFor(ctx: CommandContext, session: Session, flags: CheckFlags): Promise<ShownAdvisories | null> {
  try {
    const lookup = await lookupAdvisories(ctx, session.config.config, uploadFlags(flags))
    return lookup.enrolled ? lookup.shown : null
  } catch {
    return null
  }
}

async function defaultHtmlFile(ctx: CommandContext, report: Report): Promise<string> {
  const folder = hostPath(ctx.deps.host).join(dataDir(ctx.deps.host), 'reports')
  await mkdir(folder, { recursive: true })
  return hostPath(ctx.deps.host).join(folder, `hygiene-${report.device.hostname}-${report.generatedAt.slice(0, 10)}.html`)
}

function parseFailUnder(value: string | undefined): number | null {
  if (value === undefined) return null
  const score = Number(value)
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || score < 0 || score > 100) throw usageError('usage.failUnder', { value })
  return score
}
