// Linux software: recorded dpkg, snap and flatpak listings, /opt folders and /proc, classified into remote-access tools, browsers and office suites.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { collectLinuxSoftware } from '../../../src/probes/software/linux.js'
import { SoftwareFactsSchema } from '../../../src/probes/software/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree, type TreeFile } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/software/${name}`, import.meta.url), 'utf8')
const stat = (pid: number, comm: string) => `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194624 372 0 0 0 822 927 0 0 20 0 5 0\n`

const DPKG = /^dpkg-query -W -f=\$\{binary:Package\}\\t\$\{Version\}\\t\$\{Maintainer\}\\t\$\{db:Status-Abbrev\}\\n$/
const RPM = /^rpm -qa --qf %\{NAME\}\\t%\{VERSION\}-%\{RELEASE\}\\t%\{VENDOR\}\\n$/
const SNAP = 'snap list --color=never --unicode=never'
const FLATPAK = 'flatpak list --app --columns=application,version'

interface Machine {
  dpkg?: StubAnswer
  rpm?: StubAnswer
  snap?: StubAnswer
  flatpak?: StubAnswer
  /** Files of the system root; a /proc with only systemd unless `proc` is false. */
  files?: Record<string, string | TreeFile>
  proc?: boolean
}

async function software({ dpkg, rpm, snap, flatpak, files = {}, proc = true }: Machine) {
  const root = await tempTree({
    ...(proc ? { 'proc/1/stat': stat(1, 'systemd') } : {}),
    ...(dpkg ? { 'usr/bin/dpkg-query': '' } : {}),
    ...(rpm ? { 'usr/bin/rpm': '' } : {}),
    ...(snap ? { 'usr/bin/snap': '' } : {}),
    ...(flatpak ? { 'usr/bin/flatpak': '' } : {}),
    ...files,
  })
  const stub = commandStub()
  if (dpkg) stub.on(DPKG, dpkg)
  if (rpm) stub.on(RPM, rpm)
  if (snap) stub.on(SNAP, snap)
  if (flatpak) stub.on(FLATPAK, flatpak)
  const facts = SoftwareFactsSchema.parse(await collectLinuxSoftware(testContext({ host: { systemRoot: root }, run: stub.run })))
  stub.assertAllUsed()
  return facts
}

describe('Linux software: packages', () => {
  it('reads this VM (874 dpkg packages): Chromium 156 is the one browser, its -common part not a second one', async () => {
    const facts = await software({ dpkg: { stdout: await fixture('dpkg-query.txt') } })
    expect(facts.installed).toHaveLength(874)
    expect(facts.installed.find((entry) => entry.name === 'chromium')).toEqual({
      name: 'chromium',
      version: '156.0.8078.108-1~deb12u1',
      publisher: 'Debian Chromium Team',
      source: 'dpkg',
    })
    expect(facts.browsers).toEqual([{ browser: 'chromium', version: '156.0.8078.108', major: 156 }])
    expect(facts.office).toEqual([])
    expect(facts.remoteAccessTools).toEqual([])
    expect(facts.problems).toEqual([])
  })

  it("classifies a ward office PC's packages: AnyDesk, three browsers, Debian's LibreOffice; removed packages do not count", async () => {
    const facts = await software({ dpkg: { stdout: await fixture('dpkg-query-office.txt') } })
    expect(facts.installed.map((entry) => entry.name)).toEqual([
      'anydesk',
      'coccoc-browser',
      'firefox-esr',
      'firefox-esr-l10n-vi',
      'google-chrome-stable',
      'ibus-unikey',
      'libc6:amd64',
      'libreoffice-calc',
      'libreoffice-core',
      'libreoffice-l10n-vi',
      'libreoffice-writer',
    ])
    expect(facts.installed[0]).toEqual({ name: 'anydesk', version: '6.3.2', publisher: 'philandro Software GmbH', source: 'dpkg' })
    // teamviewer is `rc` (removed, its configuration left): not installed, so no remote tool.
    expect(facts.remoteAccessTools).toEqual([{ tool: 'anydesk', installed: true, running: false, evidence: 'AnyDesk' }])
    expect(facts.browsers).toEqual([
      { browser: 'coccoc', version: '131.0.6778.120', major: 131 },
      { browser: 'chrome', version: '131.0.6778.85', major: 131 },
      { browser: 'firefox', version: '128.5.0esr', major: 128 },
    ])
    expect(facts.office).toEqual([{ suite: 'libreoffice', name: 'LibreOffice', version: '7.4.7', release: '7.4' }])
  })

  it('adds snap and flatpak applications: RustDesk and AnyDesk, a snap Firefox, a flatpak LibreOffice', async () => {
    const facts = await software({
      dpkg: { stdout: 'libc6:amd64\t2.36-9+deb12u9\tGNU Libc Maintainers <debian-glibc@lists.debian.org>\tii \n' },
      snap: { stdout: await fixture('snap-list.txt') },
      flatpak: { stdout: await fixture('flatpak-list.txt') },
    })
    expect(facts.installed.filter((entry) => entry.source !== 'dpkg')).toEqual([
      { name: 'bare', version: '1.0', publisher: 'canonical', source: 'snap' },
      { name: 'core22', version: '20241001', publisher: 'canonical', source: 'snap' },
      { name: 'firefox', version: '133.0-2', publisher: 'mozilla', source: 'snap' },
      { name: 'rustdesk', version: '1.3.2', publisher: 'rustdesk', source: 'snap' },
      { name: 'snapd', version: '2.66.1', publisher: 'canonical', source: 'snap' },
      { name: 'com.anydesk.Anydesk', version: '6.3.2', publisher: null, source: 'flatpak' },
      { name: 'org.libreoffice.LibreOffice', version: '24.8.3.2', publisher: null, source: 'flatpak' },
      { name: 'org.gnome.Calculator', version: null, publisher: null, source: 'flatpak' },
    ])
    expect(facts.remoteAccessTools).toEqual([
      { tool: 'anydesk', installed: true, running: false, evidence: 'AnyDesk' },
      { tool: 'rustdesk', installed: true, running: false, evidence: 'RustDesk' },
    ])
    expect(facts.browsers).toEqual([{ browser: 'firefox', version: '133.0', major: 133 }])
    expect(facts.office).toEqual([{ suite: 'libreoffice', name: 'LibreOffice', version: '24.8.3.2', release: '24.8' }])
  })

  it("skips Ubuntu's transitional firefox deb, which only installs the snap", async () => {
    const facts = await software({
      dpkg: { stdout: 'firefox\t1:1snap1-0ubuntu5\tUbuntu Mozilla Team <ubuntu-mozillateam@lists.ubuntu.com>\tii \n' },
      snap: { stdout: await fixture('snap-list.txt') },
    })
    expect(facts.browsers).toEqual([{ browser: 'firefox', version: '133.0', major: 133 }])
  })

  it('reads rpm where dpkg is absent (Fedora), without the release in the version', async () => {
    const rpm = 'firefox\t133.0-1.fc41\tFedora Project\nlibreoffice-core\t24.8.3.2-1.fc41\tFedora Project\nanydesk\t6.3.2-1\t(none)\n'
    const facts = await software({ rpm: { stdout: rpm } })
    expect(facts.installed[2]).toEqual({ name: 'anydesk', version: '6.3.2-1', publisher: null, source: 'rpm' })
    expect(facts.browsers).toEqual([{ browser: 'firefox', version: '133.0', major: 133 }])
    expect(facts.office).toEqual([{ suite: 'libreoffice', name: 'LibreOffice', version: '24.8.3.2', release: '24.8' }])
    expect(facts.remoteAccessTools).toMatchObject([{ tool: 'anydesk', installed: true }])
  })

  it('asks only dpkg when both dpkg and an rpm binary exist', async () => {
    const facts = await software({ dpkg: { stdout: await fixture('dpkg-query-office.txt') }, files: { 'usr/bin/rpm': '' } })
    expect(facts.installed.every((entry) => entry.source === 'dpkg')).toBe(true)
  })

  it('finds programs unpacked into /opt without a package: AnyDesk, and Chrome below its vendor folder', async () => {
    const facts = await software({ dpkg: { stdout: '' }, files: { 'opt/anydesk/anydesk': '', 'opt/google/chrome/chrome': '' } })
    expect(facts.installed).toEqual([])
    expect(facts.remoteAccessTools).toEqual([{ tool: 'anydesk', installed: true, running: false, evidence: 'AnyDesk' }])
    // No package, so no version: the browser check cannot judge it.
    expect(facts.browsers).toEqual([{ browser: 'chrome', version: null, major: null }])
  })

  it('keeps the first 3,000 packages and says how many there were', async () => {
    const lines = Array.from({ length: 3001 }, (_, index) => `goi-${index}\t1.0-1\tNguyen Van A <a@example.vn>\tii \n`)
    const facts = await software({ dpkg: { stdout: lines.join('') } })
    expect(facts.installed).toHaveLength(3000)
    expect(facts.problems).toEqual(['3001 packages installed; the list keeps the first 3000'])
  })
})

describe('Linux software: running programs', () => {
  it('lists user processes from /proc, without kernel threads (captured stat lines)', async () => {
    const facts = await software({
      dpkg: { stdout: '' },
      files: { 'proc/2/stat': await fixture('proc-stat-kthreadd.txt'), 'proc/2205/stat': await fixture('proc-stat-redis.txt') },
    })
    expect(facts.running).toEqual(['redis-server', 'systemd'])
  })

  it('marks an installed tool running, and finds one that runs without any package (teamviewerd from a tarball)', async () => {
    const facts = await software({
      dpkg: { stdout: await fixture('dpkg-query-office.txt') },
      files: { 'proc/3100/stat': stat(3100, 'anydesk'), 'proc/3200/stat': stat(3200, 'teamviewerd') },
    })
    expect(facts.remoteAccessTools).toEqual([
      { tool: 'anydesk', installed: true, running: true, evidence: 'AnyDesk' },
      { tool: 'teamviewer', installed: false, running: true, evidence: 'teamviewerd' },
    ])
  })

  it('keeps the packages and names the problem when /proc cannot be listed', async () => {
    const facts = await software({ dpkg: { stdout: await fixture('dpkg-query-office.txt') }, proc: false })
    expect(facts.running).toEqual([])
    expect(facts.problems).toEqual(['/proc cannot be listed: running programs unknown'])
    expect(facts.remoteAccessTools).toMatchObject([{ tool: 'anydesk', running: false }])
  })
})

describe('Linux software: failures', () => {
  it('keeps the other listings when one fails', async () => {
    const facts = await software({
      dpkg: { stdout: await fixture('dpkg-query-office.txt') },
      snap: { exitCode: 1, stderr: 'error: cannot communicate with server: connection refused\n' },
    })
    expect(facts.installed).toHaveLength(11)
    expect(facts.problems).toEqual(['snap: exit code 1 (error: cannot communicate with server: connection refused)'])
  })

  it('says so when neither dpkg-query nor rpm exists', async () => {
    const facts = await software({})
    expect(facts.installed).toEqual([])
    expect(facts.problems).toEqual(['no dpkg-query or rpm found'])
  })

  it('fails the probe when nothing at all can be read', async () => {
    await expect(software({ dpkg: { exitCode: 2, stderr: 'dpkg-query: error: failed to open package info file\n' }, proc: false })).rejects.toThrow(
      'dpkg-query: exit code 2 (dpkg-query: error: failed to open package info file); /proc cannot be listed: running programs unknown',
    )
  })
})
