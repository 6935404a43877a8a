import { describe, expect, it } from 'vitest'
import { UpdatesFactsSchema } from '../../../src/probes/updates/schema.js'
import { collectWindowsUpdates, countPending } from '../../../src/probes/updates/windows.js'
import { changedFixture, printed, windowsContext } from '../windows/windows-kit.js'

const SECURITY = '0fa1201d-4330-4fa8-8ae9-b877473b6441'
const DEFINITIONS = 'e0789628-ce08-4437-be74-2495b842f43b'
const update = (kb: string, severity: string, categories: string[]) => ({
  kb: [kb],
  severity,
  categories,
  title: `Update (KB${kb})`,
})

describe('updates probe on Windows', () => {
  it('counts the pending security update by classification, leaving Defender definitions out', async () => {
    const { ctx, stub } = windowsContext('win11-24h2-vi')
    const facts = UpdatesFactsSchema.parse(await collectWindowsUpdates(ctx))
    stub.assertAllUsed()
    expect(facts).toEqual({
      packageManager: 'windows-update',
      pendingUpdates: 1,
      pendingSecurityUpdates: 1,
      securityPackages: ['KB5068861'],
      indexRefreshedAt: '2026-11-29T11:58:30.000Z',
      indexAgeDays: 0,
      rebootRequired: false,
      lastInstalledAt: '2026-11-12T03:21:40.000Z',
      lastInstalledAgeDays: 17,
      updatesDisabled: false,
      problems: [],
    })
  })

  it('leaves pending updates unknown when the search gave no answer in time, and keeps the last install', async () => {
    const facts = await collectWindowsUpdates(windowsContext('wu-search-timeout').ctx)
    expect(facts).toMatchObject({
      pendingUpdates: null,
      pendingSecurityUpdates: null,
      lastInstalledAgeDays: 17,
      indexRefreshedAt: '2026-11-29T02:10:05.000Z',
      problems: ['Windows Update search: no answer within 40 s'],
    })
  })

  it('sees updates switched off by the disabled service and by policy', async () => {
    const facts = await collectWindowsUpdates(windowsContext('win10-22h2').ctx)
    expect(facts).toMatchObject({ updatesDisabled: true, pendingSecurityUpdates: null, lastInstalledAgeDays: 410 })
    expect(facts.problems).toEqual([
      'Windows Update search: Exception calling "EndInvoke" with "1" argument(s): "Exception from HRESULT: 0x80070422"',
    ])
    const blocked = changedFixture('win11-24h2-vi', 'updates.data.policy.data.disableWindowsUpdateAccess', 1)
    expect((await collectWindowsUpdates(windowsContext(printed(blocked)).ctx)).updatesDisabled).toBe(true)
  })

  it('reports a restart the updates wait for, and no answer about it when the registry could not be read', async () => {
    expect((await collectWindowsUpdates(windowsContext('domain-joined').ctx)).rebootRequired).toBe(true)
    const unread = changedFixture('domain-joined', 'updates.data.reboot', { ok: false, error: 'Access is denied.' })
    const facts = await collectWindowsUpdates(windowsContext(printed(unread)).ctx)
    expect(facts.rebootRequired).toBeNull()
    expect(facts.problems).toEqual(['restart check: Access is denied.'])
  })

  it('fails when Windows Update told nothing at all', async () => {
    const failed = { ok: false, error: 'Exception from HRESULT: 0x8024001E' }
    const document = changedFixture('win11-24h2-vi', 'updates.data', {
      history: failed,
      lastSearch: failed,
      reboot: failed,
      policy: failed,
      service: failed,
      pending: failed,
    })
    await expect(collectWindowsUpdates(windowsContext(printed(document)).ctx)).rejects.toThrow(
      'nothing could be read from Windows Update: Windows Update search: Exception from HRESULT: 0x8024001E;',
    )
  })
})

describe('pending Windows updates', () => {
  it('takes an MSRC severity or the Security Updates classification (in any case) as security', () => {
    const counts = countPending([
      update('5068861', 'Critical', []),
      update('5070312', '', [SECURITY.toUpperCase()]),
      update('5070400', '', ['cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83']),
      update('2267602', '', [DEFINITIONS]),
    ])
    expect(counts).toEqual({
      pendingUpdates: 3,
      pendingSecurityUpdates: 2,
      securityPackages: ['KB5068861', 'KB5070312'],
    })
  })

  it('names an update without a KB number by its title', () => {
    const edge = { kb: [], severity: 'Important', categories: [], title: 'Microsoft Edge Update' }
    expect(countPending([edge]).securityPackages).toEqual(['Microsoft Edge Update'])
  })
})
