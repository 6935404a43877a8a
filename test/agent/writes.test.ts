/** The agent writes nowhere but its own config and data folders: HOME, TMPDIR and the working folder compared before and after real runs. */
import { chmod, lstat, mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hygiene } from '../helpers/cli.js'
import { tempTree } from '../helpers/temp-tree.js'

type Tree = Map<string, string>

/** Every entry below `root` (links not followed): relative path → type, size and mtime. */
async function snapshot(root: string): Promise<Tree> {
  const tree: Tree = new Map()
  const visit = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const full = path.join(dir, name)
      const stats = await lstat(full)
      const type = stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'link' : 'file'
      tree.set(path.relative(root, full), `${type} ${stats.size} ${stats.mtimeMs}`)
      if (type === 'dir') await visit(full)
    }
  }
  await visit(root)
  return tree
}

/** What changed, appeared or vanished, as `+ path`, `- path`, `~ path`. */
function changes(before: Tree, after: Tree): string[] {
  const found: string[] = []
  for (const [name, entry] of after) {
    if (!before.has(name)) found.push(`+ ${name}`)
    else if (before.get(name) !== entry) found.push(`~ ${name}`)
  }
  for (const name of before.keys()) if (!after.has(name)) found.push(`- ${name}`)
  return found.sort()
}

/** Inside one of the agent's folders, or a parent folder it had to create to make them (`mkdir -p`). */
function allowed(change: string, agentFolders: readonly string[]): boolean {
  const name = change.slice(2)
  return agentFolders.some((folder) => name === folder || name.startsWith(`${folder}/`) || `${folder}/`.startsWith(`${name}/`))
}

// `check`, `check --format html --open` and `facts` as child processes, HOME, XDG_* and TMPDIR in temp folders.
describe('where a check writes (the built CLI, real probes)', () => {
  it('changes nothing outside its config and data folders (the cache and the reports of --open included)', async () => {
    const home = await tempTree({
      'Downloads/hoa-don.pdf.exe': 'MZ',
      'Documents/bao-cao.docx': 'PK',
      '.config/user-dirs.dirs': 'XDG_DOWNLOAD_DIR="$HOME/Downloads"\n',
      '.bashrc': '# the clerk\'s own\n',
    })
    const tmp = await tempTree()
    const cwd = await tempTree({ 'notes.txt': 'x' })
    // The stand-in opener lives outside the three watched trees; it only records what it was given.
    const bin = await tempTree()
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${bin}/opened.txt'\n`)
    await chmod(path.join(bin, 'xdg-open'), 0o755)
    await chmod(bin, 0o777)
    const xdg = {
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_DATA_HOME: path.join(home, '.local/share'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_STATE_HOME: path.join(home, '.local/state'),
    }
    await mkdir(xdg.XDG_CACHE_HOME, { recursive: true })
    const env = { ...xdg, TMPDIR: tmp, TMP: tmp, TEMP: tmp, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` }
    const roots = { home, tmp, cwd }
    const before = await Promise.all(Object.values(roots).map(snapshot))

    const runs = [
      await hygiene(['check'], { home: cwd, env: { ...env, HOME: home } }),
      await hygiene(['check', '--format', 'html', '--open'], { home: cwd, env: { ...env, HOME: home } }),
      await hygiene(['facts'], { home: cwd, env: { ...env, HOME: home } }),
    ]
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0, 0])

    const after = await Promise.all(Object.values(roots).map(snapshot))
    const [homeChanges, tmpChanges, cwdChanges] = before.map((tree, index) => changes(tree, after[index]!))
    const agentFolders = ['.config/hygiene', '.local/share/hygiene']
    expect(homeChanges!.filter((change) => !allowed(change, agentFolders))).toEqual([])
    expect(tmpChanges).toEqual([])
    expect(cwdChanges).toEqual([])
    // It did write there: the apt cache (on Debian) and the report --open showed.
    expect(homeChanges!.some((change) => change.startsWith('+ .local/share/hygiene/reports/'))).toBe(true)
  }, 180_000)
})
