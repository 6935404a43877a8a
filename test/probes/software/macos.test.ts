// The software probe on a Mac: app bundles read as files (plutil only for binary ones), processes from one ps.
import { describe, expect, it } from 'vitest'
import { softwareProbe } from '../../../src/probes/software/index.js'
import type { SoftwareFacts } from '../../../src/probes/software/schema.js'
import type { StubAnswer } from '../../helpers/command-stub.js'
import type { TreeFile } from '../../helpers/temp-tree.js'
import { collectOnMac, macFixture, plistDict, type MacCommand } from '../macos/macos-test-kit.js'

const PS = 'ps -axco comm='
const INFO = 'Contents/Info.plist'
/** The first bytes of every binary plist (CFBinaryPList.c); plutil, stubbed here, turns the rest into XML. */
const BINARY: TreeFile = { content: Buffer.from('bplist00\u00d1\u0001\u0002', 'latin1') }

/** A ward office Mac: UltraViewer, an old Chrome, LibreOffice, Office 2011 in its own folder, Zalo for the user alone. */
async function officeMac(): Promise<Record<string, string | TreeFile>> {
  return {
    [`Applications/UltraViewer.app/${INFO}`]: plistDict({ CFBundleName: 'UltraViewer', CFBundleShortVersionString: '6.6.2' }),
    [`Applications/Google Chrome.app/${INFO}`]: plistDict({
      CFBundleDisplayName: 'Google Chrome',
      CFBundleName: 'Chrome',
      CFBundleShortVersionString: '109.0.5414.119',
      CFBundleVersion: '5414.119',
    }),
    [`Applications/LibreOffice.app/${INFO}`]: plistDict({ CFBundleName: 'LibreOffice', CFBundleShortVersionString: '7.3.7.2' }),
    [`Applications/Microsoft Office 2011/Microsoft Word.app/${INFO}`]: plistDict({
      CFBundleName: 'Microsoft Word',
      CFBundleShortVersionString: '14.7.7',
    }),
    [`Applications/Notion.app/${INFO}`]: BINARY,
    'Applications/Broken.app/Contents/': '',
    'Applications/.Trashes/Old.app/Contents/': '',
    [`Users/an/Applications/Zalo.app/${INFO}`]: plistDict({ CFBundleName: 'Zalo', CFBundleShortVersionString: '25.11.1' }),
  }
}

function plutil(systemRoot: string, bundle: string): string {
  return `plutil -convert xml1 -o - ${systemRoot}/Applications/${bundle}/${INFO}`
}

async function collect(system: Record<string, string | TreeFile>, commands: (root: string) => MacCommand[]) {
  return collectOnMac(softwareProbe, { system, commands })
}

describe('software probe on macOS', () => {
  it('finds UltraViewer installed, AnyDesk running, an old Chrome, LibreOffice and Office 2011, with one plutil for one binary plist', async () => {
    const ps: StubAnswer = { stdout: await macFixture('ps-axco-comm.txt') }
    const notion: StubAnswer = { stdout: plistDict({ CFBundleName: 'Notion', CFBundleShortVersionString: '4.2.0' }) }
    const facts: SoftwareFacts = await collect(await officeMac(), (root) => [
      [PS, ps],
      [plutil(root, 'Notion.app'), notion],
    ])
    const app = (name: string, version: string | null) => ({ name, version, publisher: null, source: 'app-bundle' })
    expect(facts.installed).toEqual([
      app('Broken', null),
      app('Google Chrome', '109.0.5414.119'),
      app('LibreOffice', '7.3.7.2'),
      app('Microsoft Word', '14.7.7'),
      app('Notion', '4.2.0'),
      app('UltraViewer', '6.6.2'),
      app('Zalo', '25.11.1'),
    ])
    expect(facts.running).toContain('AnyDesk')
    expect(facts.running.filter((name) => name === 'Google Chrome Helper (Renderer)')).toHaveLength(1)
    expect(facts.running).toHaveLength(27)
    expect(facts.remoteAccessTools).toEqual([
      { tool: 'ultraviewer', installed: true, running: false, evidence: 'UltraViewer' },
      { tool: 'anydesk', installed: false, running: true, evidence: 'AnyDesk' },
    ])
    expect(facts.browsers).toEqual([{ browser: 'chrome', version: '109.0.5414.119', major: 109 }])
    expect(facts.office).toEqual([
      { suite: 'libreoffice', name: 'LibreOffice', version: '7.3.7.2', release: '7.3' },
      { suite: 'microsoft-office', name: 'Microsoft Office for Mac (Microsoft Word 14.7.7)', version: '14.7.7', release: 'mac-2011' },
    ])
    expect(facts.problems).toEqual(['1 app(s) without a readable Info.plist, e.g. /Applications/Broken.app/Contents/Info.plist: ENOENT'])
  })

  it('lists an app by its file name when plutil cannot convert its Info.plist', async () => {
    let conversion = ''
    const facts = await collect({ [`Applications/Notion.app/${INFO}`]: BINARY }, (root) => {
      conversion = plutil(root, 'Notion.app')
      const refused: StubAnswer = { exitCode: 1, stderr: 'Info.plist: Property List error: Unexpected character b\n' }
      return [
        [PS, { stdout: 'launchd\n' }],
        [conversion, refused],
      ]
    })
    expect(facts.installed).toEqual([{ name: 'Notion', version: null, publisher: null, source: 'app-bundle' }])
    const reason = `${conversion}: exit code 1 (Info.plist: Property List error: Unexpected character b)`
    expect(facts.problems).toEqual([`1 app(s) without a readable Info.plist, e.g. ${reason}`])
  })

  it('reports nothing running, and why, when ps fails; an unreadable Applications folder is said too', async () => {
    const facts = await collect({ Applications: 'not a folder' }, () => [[PS, { exitCode: 1, stderr: 'ps: sysctl failed\n' }]])
    expect(facts).toEqual({
      installed: [],
      running: [],
      remoteAccessTools: [],
      browsers: [],
      office: [],
      problems: ['/Applications: ENOTDIR', 'ps -axco comm=: exit code 1 (ps: sysctl failed)'],
    })
  })
})
