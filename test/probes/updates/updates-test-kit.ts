// Shared pieces of the updates probe tests: fixtures, fake system roots per package manager, the probe's entry point.
import { readFile, utimes } from 'node:fs/promises'
import path from 'node:path'
import type { CommandRunner, RunOptions } from '../../../src/core/runner.js'
import { updatesProbe } from '../../../src/probes/updates/index.js'
import type { UpdatesFacts } from '../../../src/probes/updates/schema.js'
import { testContext, type TestContextOptions } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

const FIXTURES = new URL('../../fixtures/linux/', import.meta.url)

/** A file of test/fixtures/linux (the captures) or, with an `updates/` prefix, of the constructed outputs. */
export async function fixture(name: string): Promise<string> {
  return readFile(new URL(name, FIXTURES), 'utf8')
}

export const APT_COMMAND = 'apt-get -s -o Debug::NoLocking=1 dist-upgrade'

/** A Debian system root: apt-get, a dpkg status, downloaded lists and sources, plus `extra` files. */
/** When the fake dpkg database last changed: the last install. */
export const DPKG_CHANGED = new Date('2026-11-20T02:00:00Z')

export async function aptRoot(extra: Record<string, string | TreeFile> = {}): Promise<string> {
  return tempTree({
    'usr/bin/apt-get': '',
    'var/lib/dpkg/status': {
      content: 'Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u11\n',
      mtime: DPKG_CHANGED,
    },
    'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease': {
      content: 'Origin: Debian\n',
      mtime: new Date('2026-07-11T10:16:00Z'),
    },
    'etc/apt/sources.list.d/debian.sources': 'Types: deb\nURIs: http://deb.debian.org/debian\n',
    'etc/apt/apt.conf.d/docker-clean': 'Dir::Cache::pkgcache "";\n',
    ...extra,
  })
}

/** Sets a directory's mtime, which writing the files into it moved. */
export async function setDirMtime(root: string, relativeDir: string, time: Date): Promise<void> {
  await utimes(path.join(root, relativeDir), time, time)
}

/** Runs the probe's Linux collector as the engine would. */
export async function collect(options: TestContextOptions): Promise<UpdatesFacts> {
  const collectLinux = updatesProbe.collect.linux
  if (!collectLinux) throw new Error('the updates probe has no Linux collector')
  return updatesProbe.schema.parse(await collectLinux(testContext(options)))
}

/** Wraps a runner to keep the options of each call, which the command stub does not see. */
export function recordingOptions(run: CommandRunner): { run: CommandRunner; options: Array<RunOptions | undefined> } {
  const options: Array<RunOptions | undefined> = []
  return {
    options,
    run: (command, args, runOptions) => {
      options.push(runOptions)
      return run(command, args, runOptions)
    },
  }
}
