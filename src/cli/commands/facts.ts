import type { Command } from 'commander'
import { gatherFacts } from '../../agent/check.js'
import { openSession } from '../../agent/session.js'
import { usageError } from '../../core/errors.js'
import { ExitCode } from '../../core/exit-codes.js'
import { t } from '../../i18n/index.js'
import { probes } from '../../probes/registry.js'
import { collectList, emit } from '../io.js'
import type { CommandContext } from '../program.js'
import { sessionOptions, withSessionOptions } from './shared-options.js'

export function registerFacts(program: Command, ctx: CommandContext): void {
  const command = program
    .command('facts')
    .description(t(ctx.lang, 'cli.facts.description'))
    .option('-o, --output <file>', t(ctx.lang, 'cli.option.output'))
    .option('--probes <ids>', t(ctx.lang, 'cli.option.probes', { probes: probes.map((p) => p.id).join(', ') }), collectList)
  withSessionOptions(command, ctx).action(async (flags: { output?: string; probes?: string[]; config?: string }) => {
    const known = new Set(probes.map((probe) => probe.id))
    const unknown = flags.probes?.find((id) => !known.has(id))
    if (unknown) throw usageError('usage.unknownProbe', { id: unknown, known: [...known].join(', ') })
    const session = await openSession(sessionOptions(ctx, flags), ctx.deps)
    const snapshot = await gatherFacts(session, ctx.deps, flags.probes ?? known)
    await emit(ctx.io, `${JSON.stringify(snapshot, null, 2)}\n`, flags.output)
    ctx.setExitCode(ExitCode.Ok)
  })
}
