// The antivirus probe on the recorded Windows PCs: Defender's status and the products Security Center knows.
import { describe, expect, it } from 'vitest'
import { AntivirusFactsSchema } from '../../../src/probes/antivirus/schema.js'
import { collectWindowsAntivirus, windowsAntivirusFacts } from '../../../src/probes/antivirus/windows.js'
import { AntivirusSectionSchema } from '../../../src/probes/windows/windows-facts.js'
import { CAPTURE_DAY } from '../../helpers/probe-context.js'
import { collectedFacts, recordedSection, type WindowsFixture } from '../windows/windows-kit.js'

const NOW = new Date(CAPTURE_DAY)

const collected = (fixture: WindowsFixture) => collectedFacts(fixture, collectWindowsAntivirus, AntivirusFactsSchema)

function changed(fixture: WindowsFixture, path: string, value: unknown) {
  return windowsAntivirusFacts(recordedSection(fixture, 'antivirus', AntivirusSectionSchema, { path, value }), NOW)
}

describe('antivirus probe on Windows', () => {
  it('reads Defender on with fresh signatures, and leaves out its Security Center entry', async () => {
    expect(await collected('win11-24h2-vi')).toEqual({
      products: [
        {
          name: 'Microsoft Defender Antivirus',
          kind: 'defender',
          realTimeProtection: true,
          signaturesUpdatedAt: '2026-11-29T01:12:40.000Z',
          signaturesAgeDays: 0,
          upToDate: true,
        },
      ],
      problems: [],
    })
  })

  it('reads stale signatures, and real-time protection switched off', async () => {
    expect((await collected('domain-joined')).products).toEqual([
      expect.objectContaining({ kind: 'defender', realTimeProtection: true, signaturesAgeDays: 9, upToDate: false }),
    ])
    expect((await collected('adsi-fallback')).products).toEqual([
      expect.objectContaining({ kind: 'defender', realTimeProtection: false, signaturesAgeDays: 0, upToDate: true }),
    ])
  })

  it('decodes BKAV from Security Center when Defender has stepped aside', async () => {
    const facts = await collected('win10-22h2')
    expect(facts.products).toEqual([
      {
        name: 'Bkav Pro Internet Security',
        kind: 'third-party',
        realTimeProtection: true,
        signaturesUpdatedAt: null,
        signaturesAgeDays: null,
        upToDate: true,
      },
      // Get-MpComputerStatus failed, so Defender's own registration (0x60100: off) stands in.
      expect.objectContaining({ name: 'Windows Defender', kind: 'defender', realTimeProtection: false }),
    ])
    expect(facts.problems).toEqual(['Microsoft Defender status: Operation failed with the following error: 0x800106ba'])
  })

  it('reports Kaspersky on but with out-of-date signatures', async () => {
    expect((await collected('redirected-downloads')).products[0]).toMatchObject({
      name: 'Kaspersky Endpoint Security for Windows',
      realTimeProtection: true,
      upToDate: false,
    })
  })

  it('does not count Defender in passive mode as protecting', () => {
    const facts = changed('win11-24h2-vi', 'defender.data.runningMode', 'Passive Mode')
    expect(facts.products[0]?.realTimeProtection).toBe(false)
    expect(changed('win11-24h2-vi', 'defender.data.runningMode', '').products[0]?.realTimeProtection).toBe(true)
  })

  it('reads signatures never updated (FILETIME 0) as no date', () => {
    const facts = changed('win11-24h2-vi', 'defender.data.signaturesUpdated', '1601-01-01T00:00:00.0000000Z')
    expect(facts.products[0]).toMatchObject({ signaturesUpdatedAt: null, signaturesAgeDays: null })
  })

  it('keeps Defender when Security Center is missing (Windows Server)', () => {
    const facts = changed('win11-24h2-vi', 'securityCenter', { ok: false, error: 'Invalid namespace ' })
    expect(facts.products.map((product) => product.kind)).toEqual(['defender'])
    expect(facts.problems).toEqual(['Windows Security Center: Invalid namespace '])
  })

  it('fails with both reasons when neither source answers, rather than claim there is no antivirus', () => {
    const section = recordedSection('win10-22h2', 'antivirus', AntivirusSectionSchema, {
      path: 'securityCenter',
      value: { ok: false, error: 'Invalid namespace ' },
    })
    expect(() => windowsAntivirusFacts(section, NOW)).toThrow(
      'no antivirus source could be read: Defender: Operation failed with the following error: 0x800106ba; ' +
        'Security Center: Invalid namespace ',
    )
  })
})
