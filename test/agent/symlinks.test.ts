/** The agent never follows a symbolic link out of the folders it scans: links to /etc or to a folder with a risky file are neither reported nor read. */
import { chmod, readFile, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hygiene } from '../helpers/cli.js'
import { tempTree } from '../helpers/temp-tree.js'

describe('symbolic links in Downloads (the built CLI, a real downloads probe)', () => {
  it('lists only what is inside, and asks about the origin of nothing else', async () => {
    const home = await tempTree({ 'Downloads/hoa-don.pdf.exe': 'MZ', 'outside/virus.exe': 'MZ', 'outside/deep/setup.msi': '' })
    const downloads = path.join(home, 'Downloads')
    await symlink('/etc', path.join(downloads, 'etc'))
    await symlink(path.join(home, 'outside'), path.join(downloads, 'outside'))
    await symlink(path.join(home, 'outside/virus.exe'), path.join(downloads, 'tai-lieu.exe'))
    await symlink(downloads, path.join(downloads, 'loop'))
    // getfattr is asked where the listed files came from: a stand-in records which files it was given.
    const bin = await tempTree()
    const asked = path.join(bin, 'asked.txt')
    await writeFile(path.join(bin, 'getfattr'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${asked}'\n`)
    await chmod(path.join(bin, 'getfattr'), 0o755)
    await chmod(bin, 0o777)

    const run = await hygiene(['facts', '--probes', 'downloads'], { home, env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` } })
    expect(run.exitCode).toBe(0)
    const outcome = JSON.parse(run.stdout).probes.downloads
    expect(outcome.status).toBe('ok')
    expect(outcome.facts.files.map((file: { path: string }) => file.path)).toEqual([path.join(downloads, 'hoa-don.pdf.exe')])
    // The five entries of Downloads itself (the four links counted, not opened), nothing behind them.
    expect(outcome.facts.entriesScanned).toBe(5)
    const files = (await readFile(asked, 'utf8')).split('\n').filter((line) => line.startsWith('/'))
    expect(files).toEqual([path.join(downloads, 'hoa-don.pdf.exe')])
    expect(run.stdout).not.toContain('virus.exe')
    expect(run.stdout).not.toContain('setup.msi')
  }, 60_000)
})
