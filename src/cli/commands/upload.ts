import type { Command } from 'commander'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { loadConfig } from '../../config/config.js'
import { readReportFile } from '../../report/read-report.js'
import { deliver } from '../../upload/deliver.js'
import { redactReport } from '../../upload/redact.js'
import { spooledReports } from '../../upload/spool.js'
import { uploadTarget } from '../../upload/target.js'
import { emit } from '../io.js'
import type { CommandContext } from '../program.js'
import { reportDelivery } from './delivery-message.js'
import { deviceTokenStore, networkTools, uploadFlags, withUploadOptions } from './upload-options.js'

interface UploadCommandFlags {
  config?: string
  dryRun?: boolean
  ca?: string
  insecureHttp?: boolean
  redact?: boolean
}

export function registerUpload(program: Command, ctx: CommandContext): void {
  const command = program
    .command('upload')
    .argument('[file]', t(ctx.lang, 'cli.upload.argument'))
    .description(t(ctx.lang, 'cli.upload.description'))
    .option('--dry-run', t(ctx.lang, 'cli.option.dryRun'))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
  withUploadOptions(command, ctx, { redact: true }).action(async (file: string | undefined, flags: UploadCommandFlags) => {
    const { config } = await loadConfig(ctx.deps.host, flags.config, ctx.lang)
    const report = file ? await readReportFile(file) : null
    const target = await uploadTarget(config, await deviceTokenStore(ctx), uploadFlags(flags), networkTools)
    if (flags.dryRun) {
      const waiting = (await spooledReports(ctx.deps.host)).map((one) => one.report)
      const reports = [...waiting, ...(report ? [report] : [])].map((one) => (target.redact ? redactReport(one, target.deviceId) : one))
      await emit(ctx.io, `${JSON.stringify(reports, null, 2)}\n`, undefined)
      return ctx.setExitCode(ExitCode.Ok)
    }
    const delivery = await deliver(ctx.deps.host, ctx.deps.clock, target, report)
    const nothingWaited = delivery.delivered.length === 0 && delivery.waiting === 0 && delivery.incidents.delivered.length === 0 && delivery.incidents.waiting === 0
    if (nothingWaited && !report) ctx.io.stderr.write(`${t(ctx.lang, 'upload.nothing')}\n`)
    ctx.setExitCode(reportDelivery(ctx, delivery, report !== null))
  })
}
