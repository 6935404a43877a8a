// `hygiene schedule install|status|remove`: flags in, the schedule's description out, in the user's language.
import { Option, type Command } from 'commander'
import { loadConfig } from '../../config/config.js'
import { ExitCode } from '../../core/exit-codes.js'
import { PROFILES } from '../../engine/profiles.js'
import { t, type Lang } from '../../i18n/index.js'
import { diskFiles } from '../../schedule/files.js'
import { formatTime, logFile, parseScheduleFlags, type ScheduleDeps, type ScheduleFlags, type ScheduleInfo } from '../../schedule/plan.js'
import { currentLauncher, installSchedule, removeSchedule, scheduleStatus } from '../../schedule/schedule.js'
import type { CommandContext } from '../program.js'

export function registerSchedule(program: Command, ctx: CommandContext): void {
  const schedule = program.command('schedule').description(t(ctx.lang, 'cli.schedule.description')).helpCommand(false)
  const deps = (): ScheduleDeps => ({ ...ctx.deps, files: diskFiles, uid: process.getuid?.() ?? null })
  const say = (lines: string[]) => ctx.io.stdout.write(`${lines.join('\n')}\n`)

  schedule
    .command('install')
    .description(t(ctx.lang, 'cli.schedule.install.description'))
    .option('--every <period>', t(ctx.lang, 'cli.option.every'))
    .option('--at <time>', t(ctx.lang, 'cli.option.at'))
    .option('--upload', t(ctx.lang, 'cli.option.scheduleUpload'))
    .option('--config <file>', t(ctx.lang, 'cli.option.config'))
    .addOption(new Option('--profile <profile>', t(ctx.lang, 'cli.option.profile')).choices(PROFILES))
    .action(async (flags: ScheduleFlags) => {
      const request = parseScheduleFlags({ ...flags, lang: ctx.explicitLang ?? undefined }, ctx.deps.host)
      // A config file that is wrong now would make every scheduled run fail: say so at once.
      const { config } = await loadConfig(ctx.deps.host, request.config, ctx.lang)
      const { info, replaced } = await installSchedule(deps(), request, await currentLauncher())
      const lines = [t(ctx.lang, info.upload ? 'schedule.installedUpload' : 'schedule.installed', describe(ctx.lang, info))]
      if (replaced) lines.push(t(ctx.lang, 'schedule.replaced'))
      lines.push(t(ctx.lang, `schedule.catchUp.${info.mechanism}`), ...details(ctx.lang, info, ctx))
      if (request.upload && !config.server) lines.push(t(ctx.lang, 'schedule.notEnrolled'))
      say(lines)
      ctx.setExitCode(ExitCode.Ok)
    })

  schedule
    .command('status')
    .description(t(ctx.lang, 'cli.schedule.status.description'))
    .action(async () => {
      const info = await scheduleStatus(deps())
      if (!info) {
        say([t(ctx.lang, 'schedule.none')])
        return ctx.setExitCode(ExitCode.Ok)
      }
      const lines = [t(ctx.lang, info.upload ? 'schedule.scheduledUpload' : 'schedule.scheduled', describe(ctx.lang, info))]
      if (!info.active) lines.push(t(ctx.lang, 'schedule.inactive'))
      say([...lines, ...details(ctx.lang, info, ctx)])
      ctx.setExitCode(ExitCode.Ok)
    })

  schedule
    .command('remove')
    .description(t(ctx.lang, 'cli.schedule.remove.description'))
    .action(async () => {
      const removed = await removeSchedule(deps())
      say(
        removed.length === 0
          ? [t(ctx.lang, 'schedule.nothingToRemove')]
          : removed.map((one) => t(ctx.lang, 'schedule.removed', { mechanism: t(ctx.lang, `schedule.mechanism.${one.mechanism}`), location: one.location })),
      )
      ctx.setExitCode(ExitCode.Ok)
    })

  for (const command of schedule.commands) command.exitOverride().helpOption('-h, --help', t(ctx.lang, 'cli.option.help'))
}

function describe(lang: Lang, info: ScheduleInfo): { when: string; mechanism: string } {
  return {
    when: t(lang, info.every === 'day' ? 'schedule.when.day' : 'schedule.when.week', { time: formatTime(info.at) }),
    mechanism: t(lang, `schedule.mechanism.${info.mechanism}`),
  }
}

function details(lang: Lang, info: ScheduleInfo, ctx: CommandContext): string[] {
  return [
    ...(info.nextRun ? [t(lang, 'schedule.nextRun', { time: localTime(info.nextRun) })] : []),
    t(lang, 'schedule.command', { command: info.command }),
    t(lang, 'schedule.location', { location: info.location }),
    t(lang, 'schedule.log', { file: logFile(ctx.deps.host) }),
  ]
}

/** The PC's own clock time, as the clerk reads it on the taskbar: 2026-11-30 09:00. */
function localTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`
}
