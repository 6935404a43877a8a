// The software probe on the recorded Windows PCs: uninstall entries, running processes, and what they are.
import { describe, expect, it } from 'vitest'
import { SoftwareFactsSchema } from '../../../src/probes/software/schema.js'
import { collectWindowsSoftware, windowsSoftwareFacts } from '../../../src/probes/software/windows.js'
import { SoftwareSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { collectedFacts, recordedSection, type WindowsFixture } from '../windows/windows-kit.js'

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsSoftware, SoftwareFactsSchema)

describe('software probe on Windows', () => {
  it('finds UltraViewer installed and a portable AnyDesk running', async () => {
    const facts = await collected('win11-24h2-vi')
    expect(facts.remoteAccessTools).toEqual([
      { tool: 'ultraviewer', installed: true, running: false, evidence: 'UltraViewer version 6.6.80' },
      { tool: 'anydesk', installed: false, running: true, evidence: 'AnyDesk' },
    ])
    expect(facts.installed).toContainEqual({
      name: 'Cốc Cốc',
      version: '155.0.8461.134',
      publisher: 'Công ty TNHH Cốc Cốc',
      source: 'registry',
    })
    expect(facts.running).toContain('AnyDesk')
    expect(facts.problems).toEqual([])
  })

  it('reads browser majors: current Chrome and Cốc Cốc, and a Chrome 109 left from the Windows 7 days', async () => {
    expect((await collected('win11-24h2-vi')).browsers).toEqual([
      { browser: 'coccoc', version: '155.0.8461.134', major: 155 },
      { browser: 'chrome', version: '156.0.8528.64', major: 156 },
      { browser: 'edge', version: '156.0.3485.54', major: 156 },
    ])
    expect((await collected('win10-22h2')).browsers).toEqual([
      { browser: 'chrome', version: '109.0.5414.120', major: 109 },
    ])
  })

  it('tells Office 2013 and Microsoft 365 apart', async () => {
    expect((await collected('win10-22h2')).office).toEqual([
      {
        suite: 'microsoft-office',
        name: 'Microsoft Office Professional Plus 2013',
        version: '15.0.4569.1506',
        release: '2013',
      },
    ])
    expect((await collected('win11-24h2-vi')).office).toEqual([
      expect.objectContaining({ name: 'Microsoft 365 Apps for business - vi-vn', release: '365' }),
    ])
  })

  it('finds TeamViewer both installed and running, beside Firefox ESR and LibreOffice', async () => {
    const facts = await collected('redirected-downloads')
    expect(facts.remoteAccessTools).toEqual([
      { tool: 'teamviewer', installed: true, running: true, evidence: 'TeamViewer' },
    ])
    expect(facts.browsers).toContainEqual({ browser: 'firefox', version: '153.4.0', major: 153 })
    expect(facts.office).toEqual([expect.objectContaining({ suite: 'libreoffice', release: '26.2' })])
  })

  it('lists a program seen in both registry views once', () => {
    const section = recordedSection('win10-22h2', 'software', SoftwareSectionSchema)
    const [chrome] = section.installed.ok ? section.installed.data.programs : []
    const doubled = { ...section, installed: { ok: true as const, data: { programs: [chrome!, chrome!] } } }
    expect(windowsSoftwareFacts(doubled).installed).toHaveLength(1)
  })

  it('still finds a running tool when the uninstall entries cannot be read', () => {
    const facts = windowsSoftwareFacts(
      recordedSection('win11-24h2-vi', 'software', SoftwareSectionSchema, {
        path: 'installed',
        value: { ok: false, error: 'Requested registry access is not allowed.' },
      }),
    )
    expect(facts.remoteAccessTools).toEqual([{ tool: 'anydesk', installed: false, running: true, evidence: 'AnyDesk' }])
    expect(facts.problems).toEqual(['uninstall entries: Requested registry access is not allowed.'])
  })

  it('fails when neither list can be read', () => {
    const section = recordedSection('win11-24h2-vi', 'software', SoftwareSectionSchema, {
      path: 'running',
      value: { ok: false, error: 'Access is denied.' },
    })
    expect(() => windowsSoftwareFacts({ ...section, installed: { ok: false, error: 'Not found.' } })).toThrow(
      'neither installed nor running programs could be read: Not found.; Access is denied.',
    )
  })
})
