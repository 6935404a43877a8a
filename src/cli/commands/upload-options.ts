/** The options of every command that talks to the collector, and the real network tools behind them. */
import type { Command } from 'commander'
import { t } from '../../i18n/index.js'
import { credentialStore, defaultKeyring, type CredentialStore } from '../../upload/credentials.js'
import type { UploadFlags, UploadTools } from '../../upload/target.js'
import { httpTransport } from '../../upload/transport.js'
import type { CommandContext } from '../program.js'

export function withUploadOptions(command: Command, ctx: CommandContext, options: { redact: boolean }): Command {
  command.option('--ca <file>', t(ctx.lang, 'cli.option.ca')).option('--insecure-http', t(ctx.lang, 'cli.option.insecureHttp'))
  if (options.redact) command.option('--redact', t(ctx.lang, 'cli.option.redact')).option('--no-redact', t(ctx.lang, 'cli.option.noRedact'))
  return command
}

export function uploadFlags(flags: { ca?: string; insecureHttp?: boolean; redact?: boolean }): UploadFlags {
  return { ca: flags.ca, insecureHttp: flags.insecureHttp, redact: flags.redact }
}

export const networkTools: UploadTools = {
  transport: httpTransport,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
}

export async function deviceTokenStore(ctx: CommandContext, options: { ignoreEnvironment?: boolean } = {}): Promise<CredentialStore> {
  const host = ctx.deps.host
  const env = options.ignoreEnvironment ? { ...host.env, HYGIENE_DEVICE_TOKEN: undefined } : host.env
  return credentialStore({ ...host, env }, await defaultKeyring())
}
