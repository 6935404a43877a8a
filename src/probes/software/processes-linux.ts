/**
 * The processes running now, read from /proc/<pid>/stat (proc(5)) without starting `ps`: one small
 * file per process, read once per run and shared by the probes that need it.
 */
import { readdir, readFile } from 'node:fs/promises'
import { systemPath } from '../../core/host.js'
import type { ProbeContext } from '../probe.js'

export interface LinuxProcess {
  pid: number
  /** The kernel's `comm`: the executable's name, cut to 15 characters. */
  name: string
}

/** proc(5) `flags` bit PF_KTHREAD: a kernel thread (kworker/0:1, ...), not a program anyone started. */
const PF_KTHREAD = 0x0020_0000
/** Position of `flags` among the fields after `(comm)`: state ppid pgrp session tty_nr tpgid flags. */
const FLAGS_FIELD = 6

/** The user-space processes; null when /proc cannot be listed (then nobody can tell what runs). */
export function linuxProcesses(ctx: ProbeContext): Promise<LinuxProcess[] | null> {
  return ctx.shared.once('linux-processes', () => readProcesses(ctx))
}

async function readProcesses(ctx: ProbeContext): Promise<LinuxProcess[] | null> {
  const proc = systemPath(ctx.host, '/proc')
  const entries = await readdir(proc).catch(() => null)
  if (!entries) return null
  const pids = entries.filter((entry) => /^\d+$/.test(entry))
  const stats = await Promise.all(
    pids.map((pid) =>
      readFile(`${proc}/${pid}/stat`, 'utf8').then(
        (text) => parseProcStat(text),
        // The process ended between the listing and the read.
        () => null,
      ),
    ),
  )
  return stats.filter((process): process is LinuxProcess => process !== null)
}

/** `1234 (comm) S 1 ...`: comm may hold spaces and parentheses, so it ends at the last `)`. */
export function parseProcStat(text: string): LinuxProcess | null {
  const open = text.indexOf(' (')
  const close = text.lastIndexOf(')')
  if (open <= 0 || close < open) return null
  const flags = Number(text.slice(close + 2).split(' ')[FLAGS_FIELD])
  if (!Number.isInteger(flags) || (flags & PF_KTHREAD) !== 0) return null
  return { pid: Number(text.slice(0, open)), name: text.slice(open + 2, close) }
}

/** comm is cut to 15 characters (TASK_COMM_LEN 16 with the NUL), so long names are compared cut too. */
export function commName(executable: string): string {
  return executable.slice(0, 15)
}
