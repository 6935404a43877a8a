import { Option, type Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { incidentSpool } from '../../channel/incidents.js'
import { countInSpool, countSpooled } from '../../upload/spool.js'
import { readLastUpload } from '../../upload/state.js'
import { readDeviceToken } from '../../upload/device-token.js'
import { emit } from '../io.js'
import type { CommandContext } from '../program.js'
import { deviceTokenStore } from './upload-options.js'

export function registerStatus(program: Command, ctx: CommandContext): void {
  program
    .command('status')
    .description(t(ctx.lang, 'cli.status.description'))
    .addOption(new Option('--format <format>', t(ctx.lang, 'cli.option.format')).choices(['text', 'json']).default('text'))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
    .action(async (flags: { format: 'text' | 'json'; config?: string }) => {
      const { host } = ctx.deps
      const { config } = await loadConfig(host, flags.config, ctx.lang)
      const store = await deviceTokenStore(ctx)
      const hasToken = (await readDeviceToken(store).catch(() => null)) !== null
      const status = {
        enrolled: Boolean(config.server) && hasToken,
        server: config.server?.url ?? null,
        unit: config.server?.unit ?? null,
        deviceId: config.server?.deviceId ?? null,
        credentialStore: { kind: store.kind, label: store.label, hasToken },
        lastUpload: await readLastUpload(host),
        spooled: await countSpooled(host),
        incidentsSpooled: await countInSpool(host, incidentSpool),
      }
      if (flags.format === 'json') {
        await emit(ctx.io, `${JSON.stringify(status, null, 2)}\n`, undefined)
        return ctx.setExitCode(ExitCode.Ok)
      }
      const say = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}) => t(ctx.lang, key, vars)
      const last = status.lastUpload
      const lines = [
        status.enrolled ? say('status.enrolled', { unit: status.unit?.code ?? '?', name: status.unit?.name ?? '' }) : say('status.notEnrolled'),
        `${say('status.server')}: ${status.server ?? '-'}`,
        `${say('status.device')}: ${status.deviceId ?? '-'}`,
        `${say('status.store')}: ${store.label}${hasToken ? '' : ` (${say('status.noToken')})`}`,
        `${say('status.lastUpload')}: ${last ? `${last.at} ${say(`status.result.${last.result}`)}${last.detail ? ` (${last.detail})` : ''}` : '-'}`,
        `${say('status.spooled')}: ${status.spooled}`,
        `${say('status.incidentsSpooled')}: ${status.incidentsSpooled}`,
      ]
      await emit(ctx.io, `${lines.join('\n')}\n`, undefined)
      ctx.setExitCode(ExitCode.Ok)
    })
}
