/** Builds the commander program. Commands are thin: they parse flags, call src/agent, print. */
import { Command, Option } from 'commander'
import type { AgentDeps } from '../agent/session.js'
import { agentVersion } from '../agent/version.js'
import type { ExitCode } from '../core/exit-codes.js'
import { LANGS, t, type Lang } from '../i18n/index.js'
import { registerAdvisories } from './commands/advisories.js'
import { registerCheck } from './commands/check.js'
import { registerCollector } from './commands/collector.js'
import { registerEnroll } from './commands/enroll.js'
import { registerExplain } from './commands/explain.js'
import { registerIncident } from './commands/incident.js'
import { registerFacts } from './commands/facts.js'
import { registerRules } from './commands/rules.js'
import { registerSchedule } from './commands/schedule.js'
import { registerScores } from './commands/scores.js'
import { registerStatus } from './commands/status.js'
import { registerUpload } from './commands/upload.js'
import { localizedHelp, translateCommanderError } from './commander-i18n.js'
import type { CliIo } from './io.js'

export interface CommandContext {
  deps: AgentDeps
  io: CliIo
  /** Language for help texts and messages, known before the config is read (--lang or the OS locale). */
  lang: Lang
  /** The --lang given on the command line (it overrides the config file's), or null. */
  explicitLang: Lang | null
  setExitCode(code: ExitCode): void
}

export function createProgram(ctx: CommandContext): Command {
  const program = new Command('hygiene')
    .description(t(ctx.lang, 'cli.description'))
    .version(agentVersion(), '-v, --version', t(ctx.lang, 'cli.option.version'))
    .helpOption('-h, --help', t(ctx.lang, 'cli.option.help'))
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      outputError: (text, write) => write(translateCommanderError(ctx.lang, text)),
    })
    .configureHelp(localizedHelp(ctx.lang))
    .addHelpText('after', `\n${t(ctx.lang, 'cli.helpFooter')}`)
    // One --lang for every command, before or after the command name (main.ts reads it first).
    .addOption(new Option('--lang <lang>', t(ctx.lang, 'cli.option.lang')).choices(LANGS))
    // Read by main.ts too, before the program runs; the schedule passes it.
    .option('--log-file <file>', t(ctx.lang, 'cli.option.logFile'))
  registerCheck(program, ctx)
  registerFacts(program, ctx)
  registerRules(program, ctx)
  registerExplain(program, ctx)
  registerEnroll(program, ctx)
  registerUpload(program, ctx)
  registerStatus(program, ctx)
  registerAdvisories(program, ctx)
  registerIncident(program, ctx)
  registerCollector(program, ctx)
  registerScores(program, ctx)
  registerSchedule(program, ctx)
  for (const command of program.commands) {
    command.exitOverride().helpOption('-h, --help', t(ctx.lang, 'cli.option.help'))
  }
  return program
}
