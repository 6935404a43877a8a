import { Option, type Command } from 'commander'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { formatUnits, UNIT_FORMATS, type UnitFormat } from '../../collector/units-format.js'
import { emit } from '../io.js'
import type { CommandContext } from '../program.js'

export function registerScores(program: Command, ctx: CommandContext): void {
  program
    .command('scores')
    .argument('<files...>', 'report.json files or folders')
    .description(t(ctx.lang, 'cli.scores.description'))
    .addOption(new Option('--format <format>', t(ctx.lang, 'cli.option.format')).choices(UNIT_FORMATS).default('text'))
    .option('-o, --output <file>', t(ctx.lang, 'cli.option.output'))
    .action(async (paths: string[], flags: { format: UnitFormat; output?: string }) => {
      // Loaded on use: the database driver is not needed by the agent's other commands.
      const [{ offlineScores, reportFiles }, { builtinRuleWeights }] = await Promise.all([
        import('../../collector/offline-scores.js'),
        import('../../collector/rule-weights.js'),
      ])
      const rows = await offlineScores(await reportFiles(paths), await builtinRuleWeights(ctx.lang), ctx.deps.clock.now())
      await emit(ctx.io, formatUnits(rows, flags.format, ctx.lang), flags.output)
      ctx.setExitCode(ExitCode.Ok)
    })
}
