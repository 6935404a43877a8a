import type { Command } from 'commander'
import { plan } from '../../agent/check.js'
import { openSession } from '../../agent/session.js'
import { HygieneError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { describeCondition } from '../../engine/describe-condition.js'
import { pick } from '../../engine/localized.js'
import { SEVERITY_WEIGHTS } from '../../engine/score.js'
import { emit } from '../io.js'
import type { CommandContext } from '../program.js'
import { sessionOptions, withSessionOptions } from './shared-options.js'

export function registerExplain(program: Command, ctx: CommandContext): void {
  const command = program
    .command('explain')
    .argument('<id>', t(ctx.lang, 'cli.explain.argument'))
    .description(t(ctx.lang, 'cli.explain.description'))
  withSessionOptions(command, ctx).action(
    async (id: string, flags: { config?: string; profile?: string; rules?: string[] }) => {
      const session = await openSession(sessionOptions(ctx, flags), ctx.deps)
      const planned = plan(session, {})
      const entry = planned.find((p) => p.rule.id === id)
      if (!entry) throw new HygieneError('usage.unknownRuleId', { id })
      const { rule, params, skipped } = entry
      const lang = session.lang
      const say = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}): string => t(lang, key, vars)
      const runWeight = planned
        .filter((p) => p.skipped === null)
        .reduce((sum, p) => sum + SEVERITY_WEIGHTS[p.rule.severity], 0)
      const weight = SEVERITY_WEIGHTS[rule.severity]
      const lines = [
        `${rule.id} — ${pick(rule.title, lang)}`,
        '',
        `${say('explain.category')}: ${say(`category.${rule.category}`)}`,
        `${say('explain.severity')}: ${say(`severity.${rule.severity}`)}`,
        `${say('explain.weight', { weight, percent: runWeight ? Math.round((100 * weight) / runWeight) : 0, profile: say(`profile.${session.profile.name}`) })}`,
        `${say('explain.platforms')}: ${rule.platforms.join(', ')}`,
        `${say('explain.state')}: ${skipped ? say(`result.skipped.${skipped}`) : say('explain.enabled')}`,
        `${say('explain.params')}: ${Object.keys(params).length ? Object.entries(params).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ') : '-'}`,
        '',
        `${say('explain.rationale')}:`,
        `  ${pick(rule.rationale, lang).trim().replace(/\n/g, '\n  ')}`,
        '',
        `${say('explain.condition')}:`,
        ...(rule.appliesWhen ? [`  ${say('explain.appliesWhen')}: ${describeCondition(rule.appliesWhen, lang, params)}`] : []),
        `  ${say('explain.passWhen')}: ${rule.passWhen ? describeCondition(rule.passWhen, lang, params) : say('explain.evaluator', { name: rule.evaluator!.name })}`,
        ...(rule.warnWhen ? [`  ${say('explain.warnWhen')}: ${describeCondition(rule.warnWhen, lang, params)}`] : []),
        '',
        `${say('explain.remediation')}:`,
        ...Object.entries(rule.remediation).map(([platform, text]) => `  [${platform}] ${pick(text, lang).trim().replace(/\n/g, '\n    ')}`),
        '',
        `${say('explain.references')}:`,
        ...rule.references.map((reference) => `  - ${reference}`),
        '',
        `${say('explain.source')}: ${rule.origin.file}${rule.origin.line ? `:${rule.origin.line}` : ''}`,
      ]
      await emit(ctx.io, `${lines.join('\n')}\n`, undefined)
      ctx.setExitCode(ExitCode.Ok)
    },
  )
}
