/** The options of every command that talks to the collector, and the real network tools behind them. */
import type { Command } from 'commander'
import type { Config } from '../../config/config.js'
import { t, type Lang } from '../../i18n/index.js'
import { configureValidationLanguage } from '../../i18n/validation.js'
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
  const keyring = await defaultKeyring()
  const store = await credentialStore({ ...host, env }, keyring)
  // Said on every command that uses the token: it sits in a file, not in the OS store people may expect.
  if (!keyring && store.kind === 'file') ctx.io.stderr.write(`hygiene: ${t(ctx.lang, 'upload.noKeychain', { file: store.label })}\n`)
  return store
}

/** For commands that load no rules: --lang, else the config file's, else the OS language; validation messages follow it. */
export function configuredLang(ctx: CommandContext, config: Config): Lang {
  const lang = ctx.explicitLang ?? config.lang ?? ctx.lang
  configureValidationLanguage(lang)
  return lang
}
