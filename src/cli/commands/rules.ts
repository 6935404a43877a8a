import { Option, type Command } from 'commander'
import { plan } from '../../agent/check.js'
import { openSession } from '../../agent/session.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { pick } from '../../engine/localized.js'
import { SEVERITY_WEIGHTS } from '../../engine/score.js'
import { emit } from '../io.js'
import type { CommandContext } from '../program.js'
import { sessionOptions, withSessionOptions } from './shared-options.js'

export function registerRules(program: Command, ctx: CommandContext): void {
  const command = program
    .command('rules')
    .description(t(ctx.lang, 'cli.rules.description'))
    .addOption(new Option('--format <format>', t(ctx.lang, 'cli.option.format')).choices(['text', 'json']).default('text'))
  withSessionOptions(command, ctx).action(async (flags: { format: 'text' | 'json'; config?: string; profile?: string; rules?: string[] }) => {
    const session = await openSession(sessionOptions(ctx, flags), ctx.deps)
    const rows = plan(session, {}).map(({ rule, params, skipped }) => ({
      id: rule.id,
      title: pick(rule.title, session.lang),
      category: rule.category,
      severity: rule.severity,
      weight: SEVERITY_WEIGHTS[rule.severity],
      platforms: rule.platforms,
      enabled: skipped === null,
      params,
      references: rule.references,
    }))
    if (flags.format === 'json') {
      await emit(ctx.io, `${JSON.stringify({ profile: session.profile.name, rules: rows }, null, 2)}\n`, undefined)
    } else {
      const idWidth = Math.max(...rows.map((row) => row.id.length))
      const lines = rows.map((row) => {
        const state = row.enabled ? ' ' : '-'
        const severity = t(session.lang, `severity.${row.severity}`).padEnd(12)
        return `${state} ${row.id.padEnd(idWidth)}  ${severity} ${String(row.weight).padStart(2)}  ${row.title}`
      })
      const header = t(session.lang, 'cli.rules.header', { profile: t(session.lang, `profile.${session.profile.name}`), count: rows.length })
      await emit(ctx.io, `${header}\n${lines.join('\n')}\n${t(session.lang, 'cli.rules.footer')}\n`, undefined)
    }
    ctx.setExitCode(ExitCode.Ok)
  })
}
