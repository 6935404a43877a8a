import type { Command } from 'commander'
import { agentVersion } from '../../agent/version.js'
import { configLocation, loadConfig } from '../../config/config.js'
import { usageError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { collectFacts } from '../../probes/collect.js'
import { osProbe } from '../../probes/os/index.js'
import { enroll, unenroll } from '../../upload/enroll.js'
import { readCa, serverUrl } from '../../upload/target.js'
import type { CommandContext } from '../program.js'
import { deviceTokenStore, networkTools, withUploadOptions } from './upload-options.js'

interface EnrollFlags {
  server?: string
  code?: string
  remove?: boolean
  replace?: boolean
  config?: string
  ca?: string
  insecureHttp?: boolean
}

export function registerEnroll(program: Command, ctx: CommandContext): void {
  const command = program
    .command('enroll')
    .description(t(ctx.lang, 'cli.enroll.description'))
    .option('--server <url>', t(ctx.lang, 'cli.option.server'))
    .option('--code <code>', t(ctx.lang, 'cli.option.code'))
    .option('--remove', t(ctx.lang, 'cli.option.remove'))
    .option('--replace', t(ctx.lang, 'cli.option.replace'))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
  withUploadOptions(command, ctx, { redact: false }).action(async (flags: EnrollFlags) => {
    const say = (key: Parameters<typeof t>[1], vars: Record<string, string | number> = {}) => ctx.io.stdout.write(`${t(ctx.lang, key, vars)}\n`)
    const configFile = configLocation(ctx.deps.host, flags.config).file
    // The token is stored for good, so never in the environment's place.
    const store = await deviceTokenStore(ctx, { ignoreEnvironment: true })
    if (flags.remove) {
      const removed = await unenroll(store, configFile)
      say(removed ? 'enroll.removed' : 'enroll.nothingToRemove', { store: store.label })
      return ctx.setExitCode(ExitCode.Ok)
    }
    if (!flags.server || !flags.code) throw usageError('usage.enrollNeeds')
    // "Enroll with this address" is what a scammer posing as IT would ask: moving an enrolled PC
    // to another collector takes a deliberate --replace.
    const current = (await loadConfig(ctx.deps.host, flags.config, ctx.lang)).config.server
    if (current && !flags.replace) throw usageError('usage.alreadyEnrolled', { server: current.url, unit: current.unit.code })
    const server = serverUrl(flags.server, flags.insecureHttp ?? false)
    const snapshot = await collectFacts([osProbe], {
      context: { host: ctx.deps.host, run: ctx.deps.run, clock: ctx.deps.clock, settings: NO_SETTINGS, cacheDir: null },
      agentVersion: agentVersion(),
    })
    const enrolled = await enroll(
      { server, code: flags.code, ca: await readCa(flags.ca), caFile: flags.ca, device: snapshot.device },
      store,
      configFile,
      networkTools.transport,
    )
    say('enroll.done', { unit: enrolled.unit, name: enrolled.unitName, device: enrolled.deviceId, store: enrolled.storeLabel, config: configFile })
    ctx.setExitCode(ExitCode.Ok)
  })
}

/** Enrollment only needs the device's name and OS: no folder is walked. */
const NO_SETTINGS = { backupPaths: [], downloadsExtraPaths: [], downloadsMaxDepth: 1, downloadsMaxEntries: 1 }
