/** The options every command that loads rules shares: language, config, profile, extra packs. */
import { Option, type Command } from 'commander'
import type { SessionOptions } from '../../agent/session.js'
import { LANGS, t, type Lang } from '../../i18n/index.js'
import { PROFILES } from '../../engine/profiles.js'
import { collectRepeat } from '../io.js'
import type { CommandContext } from '../program.js'

export function withSessionOptions(command: Command, ctx: CommandContext): Command {
  return command
    .addOption(new Option('--lang <lang>', t(ctx.lang, 'cli.option.lang')).choices(LANGS))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
    .addOption(new Option('--profile <profile>', t(ctx.lang, 'cli.option.profile')).choices(PROFILES))
    .option('--rules <path>', t(ctx.lang, 'cli.option.rules'), collectRepeat)
}

export function sessionOptions(flags: { lang?: Lang; config?: string; profile?: string; rules?: string[] }): SessionOptions {
  return { lang: flags.lang, config: flags.config, profile: flags.profile, rules: flags.rules }
}
