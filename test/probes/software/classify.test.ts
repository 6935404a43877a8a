import { describe, expect, it } from 'vitest'
import { browsers, compact, macOfficeSuites, officeSuites, remoteAccessTools } from '../../../src/probes/software/classify.js'

describe('software classification', () => {
  it('finds remote-access tools installed or running, whatever the platform spells them', () => {
    const found = remoteAccessTools(
      [
        { name: 'UltraViewer version 6.6.80', version: '6.6.80' },
        { name: 'AnyDesk', version: '8.0.14' },
        { name: 'Zalo', version: '24.11.1' },
      ],
      ['explorer.exe', 'TeamViewer.exe', 'AnyDesk.exe', 'rustdesk'],
    )
    expect(found).toEqual([
      { tool: 'ultraviewer', installed: true, running: false, evidence: 'UltraViewer version 6.6.80' },
      { tool: 'anydesk', installed: true, running: true, evidence: 'AnyDesk' },
      { tool: 'teamviewer', installed: false, running: true, evidence: 'TeamViewer.exe' },
      { tool: 'rustdesk', installed: false, running: true, evidence: 'rustdesk' },
    ])
    expect(remoteAccessTools([{ name: 'Zalo', version: null }], ['zalo.exe'])).toEqual([])
  })

  it('reads browser majors, Cốc Cốc included', () => {
    expect(
      browsers([
        { name: 'Google Chrome', version: '131.0.6778.86' },
        { name: 'Cốc Cốc', version: '131.0.6778.100' },
        { name: 'Mozilla Firefox (x64 vi)', version: '115.9.1' },
        { name: 'Microsoft Edge', version: null },
      ]),
    ).toEqual([
      { browser: 'coccoc', version: '131.0.6778.100', major: 131 },
      { browser: 'chrome', version: '131.0.6778.86', major: 131 },
      { browser: 'edge', version: null, major: null },
      { browser: 'firefox', version: '115.9.1', major: 115 },
    ])
  })

  it('tells Office releases by name, and LibreOffice by version', () => {
    expect(
      officeSuites([
        { name: 'Microsoft Office Professional Plus 2016', version: '16.0.4266.1001' },
        { name: 'Microsoft Office Standard 2010', version: '14.0.7015.1000' },
        { name: 'Microsoft 365 Apps for business - vi-vn', version: '16.0.18129.20158' },
        { name: 'LibreOffice 7.3.7.2', version: '7.3.7.2' },
      ]).map((suite) => [suite.suite, suite.release]),
    ).toEqual([
      ['microsoft-office', '2016'],
      ['microsoft-office', '2010'],
      ['microsoft-office', '365'],
      ['libreoffice', '7.3'],
    ])
  })

  it('compacts names for comparison', () => {
    expect(compact('UltraViewer_Desktop.exe')).toBe('ultraviewerdesktop')
    expect(compact('Chrome Remote Desktop Host')).toBe('chromeremotedesktophost')
    expect(compact('Cốc Cốc')).toBe('coccoc')
  })
})

describe('Microsoft Office for Mac', () => {
  const word = (version: string | null) => [{ name: 'Microsoft Word', version }, { name: 'Microsoft Excel', version }]
  it.each([
    ['14.7.7', 'mac-2011'],
    ['15.41', 'mac-2016'],
    ['16.16.27', 'mac-2016'],
    ['16.17', 'mac-2019'],
    ['16.78', 'mac-2019'],
    ['16.79', '365'],
    ['16.103', '365'],
    [null, null],
  ])('Word %s is release %s, reported once', (version, release) => {
    expect(macOfficeSuites(word(version))).toEqual([
      { suite: 'microsoft-office', name: `Microsoft Office for Mac (Microsoft Word ${version ?? '?'})`, version, release },
    ])
  })

  it('finds nothing without its apps', () => {
    expect(macOfficeSuites([{ name: 'Microsoft Teams', version: '24.1' }, { name: 'LibreOffice', version: '26.8.2' }])).toEqual([])
  })
})
