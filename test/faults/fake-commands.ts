/** Stand-ins for the tools probes run, as shell scripts in a folder put first on PATH: they hang, print garbage or never stop writing. */
import { chmod, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll } from 'vitest'
import { tempTree } from '../helpers/temp-tree.js'

/** How each fake misbehaves. */
export const FAKE_SCRIPTS = {
  // The sleeper is a child of the script, as apt's download methods are of apt-get: it keeps the
  // output pipe open after the script itself is killed. Its pid is kept so the test can end it.
  hang: (pidFile: string) => `#!/bin/sh\nsleep 600 &\necho $! > '${pidFile}'\nwait\n`,
  garbage: () => '#!/bin/sh\nhead -c 65536 /dev/urandom\nprintf \'\\n{"blockdevices": 42}\\n\\377\\376 not json\\n\'\n',
  // `yes` is the writer that never stops; run as a child of the script, like the sleeper above.
  flood: () => '#!/bin/sh\nyes "garbage garbage garbage garbage garbage garbage garbage garbage"\n',
} as const

export interface FakeBin {
  dir: string
  /** PATH with the fakes first. */
  path: string
}

const sleepers: string[] = []

// The sleepers were started by these tests: end them, by their own pid, when the file is done.
afterAll(async () => {
  for (const pidFile of sleepers.splice(0)) {
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim())
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
})

/** A folder holding `command` as a fake of the given kind. */
export async function fakeBin(command: string, kind: keyof typeof FAKE_SCRIPTS): Promise<FakeBin> {
  const dir = await tempTree()
  const pidFile = path.join(dir, `${command}.sleeper.pid`)
  if (kind === 'hang') sleepers.push(pidFile)
  await writeFile(path.join(dir, command), FAKE_SCRIPTS[kind](pidFile))
  await chmod(path.join(dir, command), 0o755)
  // World-readable: the suite also runs as `nobody` in .ci/run.
  await chmod(dir, 0o755)
  return { dir, path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}` }
}
