/** Linux download folders: user-dirs.dirs parsing (Vietnamese names), defaults, Zalo, Telegram, extras. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { linuxDownloadRoots, linuxUserDirs, parseUserDirs } from '../../../src/probes/downloads/folders-linux.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const fixture = (name: string): Promise<string> =>
  readFile(new URL(`../../fixtures/linux/${name}`, import.meta.url), 'utf8')

describe('parseUserDirs', () => {
  it('reads the Vietnamese folders written by xdg-user-dirs-update', async () => {
    const dirs = parseUserDirs(await fixture('user-dirs-vi.txt'), '/home/lan')
    expect(dirs.get('DOWNLOAD')).toBe('/home/lan/Bản tải về')
    expect(dirs.get('DESKTOP')).toBe('/home/lan/Màn hình nền')
    expect(dirs.get('DOCUMENTS')).toBe('/home/lan/Tài liệu')
    expect(dirs.size).toBe(8)
  })

  it.each([
    ['absolute path, trailing slash', 'XDG_DOWNLOAD_DIR="/srv/tai-ve/"', '/srv/tai-ve'],
    ['shell-escaped quotes, backslash', 'XDG_DOWNLOAD_DIR="$HOME/Tải \\"mới\\" \\\\ 26"', '/home/lan/Tải "mới" \\ 26'],
    ['spaces around =', '  XDG_DOWNLOAD_DIR = "$HOME/Tải về"', '/home/lan/Tải về'],
    ['CRLF line end', 'XDG_DOWNLOAD_DIR="$HOME/Downloads"\r', '/home/lan/Downloads'],
    ['the last line wins', 'XDG_DOWNLOAD_DIR="$HOME/a"\nXDG_DOWNLOAD_DIR="$HOME/b"', '/home/lan/b'],
  ])('%s', (_, text, expected) => {
    expect(parseUserDirs(text, '/home/lan').get('DOWNLOAD')).toBe(expected)
  })

  it.each([
    ['a relative path (not supported by the format)', 'XDG_DOWNLOAD_DIR="Downloads"'],
    ['the home folder itself (disabled)', 'XDG_DOWNLOAD_DIR="$HOME"'],
    ['the home folder with a slash', 'XDG_DOWNLOAD_DIR="$HOME/"'],
    ['a commented line', '# XDG_DOWNLOAD_DIR="$HOME/Downloads"'],
    ['an unquoted value', 'XDG_DOWNLOAD_DIR=$HOME/Downloads'],
    ['another variable than $HOME', 'XDG_DOWNLOAD_DIR="$HOMEDIR/Downloads"'],
  ])('skips %s', (_, text) => {
    expect(parseUserDirs(text, '/home/lan').has('DOWNLOAD')).toBe(false)
  })
})

describe('linuxUserDirs', () => {
  it('reads ~/.config/user-dirs.dirs', async () => {
    const home = await tempTree({ '.config/user-dirs.dirs': await fixture('user-dirs-vi.txt') })
    const dirs = await linuxUserDirs(testContext({ host: { homeDir: home } }))
    expect(dirs).toEqual({
      download: path.join(home, 'Bản tải về'),
      desktop: path.join(home, 'Màn hình nền'),
      documents: path.join(home, 'Tài liệu'),
    })
  })

  it('follows an absolute XDG_CONFIG_HOME and ignores a relative one', async () => {
    const home = await tempTree({
      '.config/user-dirs.dirs': 'XDG_DOWNLOAD_DIR="$HOME/from-default"',
      'elsewhere/user-dirs.dirs': 'XDG_DOWNLOAD_DIR="$HOME/from-env"',
    })
    const absolute = testContext({ host: { homeDir: home, env: { XDG_CONFIG_HOME: path.join(home, 'elsewhere') } } })
    expect((await linuxUserDirs(absolute)).download).toBe(path.join(home, 'from-env'))
    const relative = testContext({ host: { homeDir: home, env: { XDG_CONFIG_HOME: 'elsewhere' } } })
    expect((await linuxUserDirs(relative)).download).toBe(path.join(home, 'from-default'))
  })

  it('defaults to ~/Downloads, ~/Desktop and ~/Documents without the file', async () => {
    const home = await tempTree()
    expect(await linuxUserDirs(testContext({ host: { homeDir: home } }))).toEqual({
      download: path.join(home, 'Downloads'),
      desktop: path.join(home, 'Desktop'),
      documents: path.join(home, 'Documents'),
    })
  })

  it('defaults a missing or disabled key only', async () => {
    const home = await tempTree({
      '.config/user-dirs.dirs': 'XDG_DOWNLOAD_DIR="$HOME"\nXDG_DOCUMENTS_DIR="$HOME/Tài liệu"\n',
    })
    expect(await linuxUserDirs(testContext({ host: { homeDir: home } }))).toEqual({
      download: path.join(home, 'Downloads'),
      desktop: path.join(home, 'Desktop'),
      documents: path.join(home, 'Tài liệu'),
    })
  })
})

describe('linuxDownloadRoots', () => {
  it('lists XDG, Zalo, Telegram and extra folders in priority order', async () => {
    const home = await tempTree({ '.config/user-dirs.dirs': await fixture('user-dirs-vi.txt') })
    const ctx = testContext({
      host: { homeDir: home },
      settings: { downloadsExtraPaths: ['~/USB', '/mnt/chia-se', 'Zalo PC'] },
    })
    expect(await linuxDownloadRoots(ctx)).toEqual([
      { path: path.join(home, 'Bản tải về'), kind: 'downloads' },
      { path: path.join(home, 'Màn hình nền'), kind: 'desktop' },
      { path: path.join(home, 'Tài liệu', 'Zalo Received Files'), kind: 'zalo' },
      { path: path.join(home, 'Zalo Received Files'), kind: 'zalo' },
      { path: path.join(home, 'Bản tải về', 'Telegram Desktop'), kind: 'telegram' },
      { path: path.join(home, 'Downloads', 'Telegram Desktop'), kind: 'telegram' },
      { path: path.join(home, 'USB'), kind: 'extra' },
      { path: '/mnt/chia-se', kind: 'extra' },
      { path: path.join(home, 'Zalo PC'), kind: 'extra' },
    ])
  })
})
