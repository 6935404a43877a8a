/** The options every command that loads rules shares: config, profile, extra packs (and the global --lang). */
import { Option, type Command } from 'commander'
import type { SessionOptions } from '../../agent/session.js'
import { t } from '../../i18n/index.js'
import { PROFILES } from '../../engine/profiles.js'
import { collectRepeat } from '../io.js'
import type { CommandContext } from '../program.js'

export function withSessionOptions(command: Command, ctx: CommandContext): Command {
  return command
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
    .addOption(new Option('--profile <profile>', t(ctx.lang, 'cli.option.profile')).choices(PROFILES))
    .option('--rules <path>', t(ctx.lang, 'cli.option.rules'), collectRepeat)
}

export function sessionOptions(ctx: CommandContext, flags: { config?: string; profile?: string; rules?: string[] }): SessionOptions {
  return { lang: ctx.explicitLang ?? undefined, config: flags.config, profile: flags.profile, rules: flags.rules }
}
