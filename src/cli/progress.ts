/** A spinner on stderr naming the probes still running; only on a terminal, never in JSON mode. */
import { t, tDynamic, type Lang } from '../i18n/index.js'
import type { CliIo } from './io.js'

export interface Progress {
  onProgress(event: { probe: string; phase: 'start' | 'end' }): void
  stop(): void
}

export async function startProgress(io: CliIo, lang: Lang, enabled: boolean): Promise<Progress | null> {
  // A terminal that reports no width (a bare pty) would make the spinner redraw without end.
  if (!enabled || !io.stderr.isTTY || !io.stderr.columns || io.env.CI) return null
  const { default: ora } = await import('ora')
  const running = new Set<string>()
  const spinner = ora({ text: t(lang, 'progress.starting'), stream: process.stderr }).start()
  return {
    onProgress({ probe, phase }) {
      if (phase === 'start') running.add(probe)
      else running.delete(probe)
      const names = [...running].map((id) => tDynamic(lang, `probe.${id}`, id)).join(', ')
      spinner.text = names ? t(lang, 'progress.running', { probes: names }) : t(lang, 'progress.judging')
    },
    stop() {
      spinner.stop()
    },
  }
}
