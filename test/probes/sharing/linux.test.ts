// Linux sharing: Samba's SMB1 floor and shares from smb.conf and user shares, remote desktop servers from /proc and systemd links.
import { chmod, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectLinuxSharing } from '../../../src/probes/sharing/linux.js'
import { SharingFactsSchema } from '../../../src/probes/sharing/schema.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/sharing/${name}`, import.meta.url), 'utf8')
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

const NO_REMOTE_DESKTOP = { enabled: false, networkLevelAuthentication: null, service: null }
const SAMBA = 'usr/sbin/smbd'
const USERSHARES = 'var/lib/samba/usershares'

async function sharing(files: Record<string, string | TreeFile>, home: Record<string, string> = {}) {
  const root = await tempTree({ 'proc/1/stat': stat(1, 'systemd'), ...files })
  const homeDir = await tempTree(home)
  return SharingFactsSchema.parse(await collectLinuxSharing(testContext({ host: { systemRoot: root, homeDir } })))
}

describe('Linux sharing: Samba', () => {
  it('shares nothing and has no SMB1 without smbd, whatever smb.conf says (client tools install it too)', async () => {
    const facts = await sharing({ 'etc/samba/smb.conf': await fixture('smb.conf-office') })
    expect(facts).toEqual({ smb1Enabled: false, remoteDesktop: NO_REMOTE_DESKTOP, shares: [], problems: [] })
  })

  it("reads Debian's shipped smb.conf: no protocol floor (SMB2 at least), only [homes], printers left out", async () => {
    const facts = await sharing({ [SAMBA]: '', 'etc/samba/smb.conf': await fixture('smb.conf-debian') })
    expect(facts).toEqual({
      smb1Enabled: false,
      remoteDesktop: NO_REMOTE_DESKTOP,
      shares: [{ name: 'homes', path: null, openToEveryone: false }],
      problems: [],
    })
  })

  it("reads the ward office's server: SMB1 allowed (NT1 in mixed case), a guest share by its own name, a disabled share left out", async () => {
    const facts = await sharing({ [SAMBA]: '', 'etc/samba/smb.conf': await fixture('smb.conf-office') })
    expect(facts.smb1Enabled).toBe(true)
    expect(facts.shares).toEqual([
      { name: 'Tài liệu chung', path: '/srv/samba/Tài liệu chung', openToEveryone: true },
      { name: 'ketoan', path: '/srv/samba/ketoan', openToEveryone: false },
    ])
  })

  it.each([
    ['server min protocol = SMB2_10', false],
    ['server min protocol = NT1', true],
    ['min protocol = LANMAN2', true],
    ['server min protocol = SMB3', false],
    ['', false],
  ])('[global] %s → SMB1 %s', async (line, smb1) => {
    const facts = await sharing({ [SAMBA]: '', 'etc/samba/smb.conf': `[global]\n   workgroup = WORKGROUP\n   ${line}\n` })
    expect(facts.smb1Enabled).toBe(smb1)
  })

  it('reads "public = yes" like "guest ok", and a floor set in a share section does not count', async () => {
    const conf = '[global]\n[scan]\n   path = /srv/scan\n   public = yes\n   server min protocol = NT1\n'
    const facts = await sharing({ [SAMBA]: '', 'etc/samba/smb.conf': conf })
    expect(facts).toMatchObject({ smb1Enabled: false, shares: [{ name: 'scan', path: '/srv/scan', openToEveryone: true }] })
  })

  it('ignores case and spaces in section names as Samba does, keeping the name first written', async () => {
    const conf = '[Global]\n   Server Min Protocol = NT1\n[Máy Quét]\n   path = /srv/scan\n[máyquét]\n   guest ok = yes\n'
    const facts = await sharing({ [SAMBA]: '', 'etc/samba/smb.conf': conf })
    expect(facts).toMatchObject({ smb1Enabled: true, shares: [{ name: 'Máy Quét', path: '/srv/scan', openToEveryone: true }] })
  })

  it('is unknown, with a problem, when smbd exists but smb.conf cannot be read', async () => {
    const facts = await sharing({ [SAMBA]: '' })
    expect(facts).toMatchObject({ smb1Enabled: null, shares: [], problems: ['/etc/samba/smb.conf cannot be read'] })
  })

  it('adds the user shares of "Share this folder" (net usershare), guest access included', async () => {
    const facts = await sharing({
      [SAMBA]: '',
      'etc/samba/smb.conf': await fixture('smb.conf-debian'),
      [`${USERSHARES}/tài liệu`]: await fixture('usershare-tai-lieu'),
      [`${USERSHARES}/anh`]: '#VERSION 2\npath=/home/lan/Ảnh\ncomment=\nusershare_acl=S-1-1-0:R\nguest_ok=n\nsharename=Ảnh\n',
    })
    expect(facts.shares).toEqual([
      { name: 'homes', path: null, openToEveryone: false },
      { name: 'Ảnh', path: '/home/lan/Ảnh', openToEveryone: false },
      { name: 'Tài liệu', path: '/home/lan/Tài liệu', openToEveryone: true },
    ])
  })

  it('reads user shares from the folder smb.conf names in "usershare path"', async () => {
    const facts = await sharing({
      [SAMBA]: '',
      'etc/samba/smb.conf': '[global]\n   usershare path = /srv/usershares\n',
      'srv/usershares/tai-lieu': await fixture('usershare-tai-lieu'),
    })
    expect(facts.shares).toEqual([{ name: 'Tài liệu', path: '/home/lan/Tài liệu', openToEveryone: true }])
  })

  // As root the folder is always readable; CI reruns this file as an unprivileged user.
  it.skipIf(process.getuid?.() === 0)('names the problem when the user-share folder cannot be listed (root:sambashare 1770)', async () => {
    const root = await tempTree({ 'proc/1/stat': stat(1, 'systemd'), [SAMBA]: '', 'etc/samba/smb.conf': '[global]\n' })
    await mkdir(path.join(root, USERSHARES), { recursive: true })
    await chmod(path.join(root, USERSHARES), 0o000)
    const facts = SharingFactsSchema.parse(await collectLinuxSharing(testContext({ host: { systemRoot: root } })))
    expect(facts).toMatchObject({
      smb1Enabled: false,
      shares: [],
      problems: ['/var/lib/samba/usershares: user shares cannot be listed (EACCES); root can'],
    })
  })
})

describe('Linux sharing: remote desktop servers', () => {
  it('sees xrdp while it runs, and Network Level Authentication stays null (a Windows notion)', async () => {
    const facts = await sharing({ 'proc/733/stat': stat(733, 'xrdp'), 'proc/734/stat': stat(734, 'xrdp-sesman') })
    expect(facts.remoteDesktop).toEqual({ enabled: true, networkLevelAuthentication: null, service: 'xrdp' })
  })

  it('sees xrdp enabled at boot though not running now', async () => {
    const facts = await sharing({ 'etc/systemd/system/multi-user.target.wants/xrdp.service': '' })
    expect(facts.remoteDesktop).toEqual({ enabled: true, networkLevelAuthentication: null, service: 'xrdp' })
  })

  it.each([
    ['a TigerVNC template unit', { 'etc/systemd/system/multi-user.target.wants/tigervncserver@:1.service': '' }, 'tigervnc'],
    ["Debian's Xtigervnc process", { 'proc/900/stat': stat(900, 'Xtigervnc') }, 'tigervnc'],
    ['x11vnc', { 'proc/901/stat': stat(901, 'x11vnc') }, 'x11vnc'],
    ["GNOME's daemon, its comm cut to 15 characters", { 'proc/902/stat': stat(902, 'gnome-remote-de') }, 'gnome-remote-desktop'],
  ])('sees %s', async (_, files, service) => {
    expect((await sharing(files)).remoteDesktop).toMatchObject({ enabled: true, service })
  })

  it("sees GNOME Sharing's remote desktop enabled in the user's own systemd folder", async () => {
    const home = { '.config/systemd/user/gnome-session.target.wants/gnome-remote-desktop.service': '' }
    expect((await sharing({}, home)).remoteDesktop).toMatchObject({ enabled: true, service: 'gnome-remote-desktop' })
  })

  it('does not count a unit that is installed but not enabled, nor a VNC viewer', async () => {
    const facts = await sharing({ 'lib/systemd/system/xrdp.service': '', 'proc/950/stat': stat(950, 'xtigervncviewer') })
    expect(facts.remoteDesktop).toEqual(NO_REMOTE_DESKTOP)
  })

  it('is unknown when /proc cannot be listed and no unit is enabled', async () => {
    const root = await tempTree({})
    const facts = SharingFactsSchema.parse(await collectLinuxSharing(testContext({ host: { systemRoot: root } })))
    expect(facts.remoteDesktop).toEqual({ enabled: null, networkLevelAuthentication: null, service: null })
    expect(facts.problems).toEqual(['/proc cannot be listed: running remote desktop servers unknown'])
  })
})
