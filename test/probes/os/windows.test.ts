import { describe, expect, it } from 'vitest'
import { hashMachineId } from '../../../src/probes/os/machine-id.js'
import { OsFactsSchema } from '../../../src/probes/os/schema.js'
import { collectWindowsOs, windowsOsFacts } from '../../../src/probes/os/windows.js'
import type { OsSection } from '../../../src/probes/windows/windows-facts.js'
import { printed, windowsContext, windowsHost } from '../windows/windows-kit.js'

const section = (overrides: Partial<OsSection> = {}): OsSection => ({
  productName: 'Windows 10 Pro',
  editionId: 'Professional',
  currentBuild: '26100',
  ubr: 7171,
  displayVersion: '24H2',
  releaseId: '2009',
  machineGuid: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
  architecture: 'AMD64',
  ...overrides,
})

describe('os probe on Windows', () => {
  it('names Windows 11 by its build although ProductName says Windows 10, and hides the MachineGuid', async () => {
    const { ctx, stub } = windowsContext('win11-24h2-vi')
    const facts = OsFactsSchema.parse(await collectWindowsOs(ctx))
    stub.assertAllUsed()
    expect(facts).toEqual({
      platform: 'windows',
      id: 'windows',
      idLike: [],
      name: 'Windows 11 Pro 24H2',
      version: '24H2',
      build: '26100',
      codename: null,
      edition: 'Professional',
      kernel: '10.0.26100.7171',
      arch: 'x64',
      hostname: 'PC-KETOAN',
      supportEndsOn: null,
      machineIdHash: hashMachineId('3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
    })
    expect(JSON.stringify(facts)).not.toContain('3f2504e0')
  })

  it('keeps Windows 10 for a 22H2 build, and the Enterprise edition of a domain PC', async () => {
    expect(await collectWindowsOs(windowsContext('win10-22h2').ctx)).toMatchObject({
      name: 'Windows 10 Pro 22H2',
      build: '19045',
      edition: 'Professional',
    })
    expect(await collectWindowsOs(windowsContext('domain-joined').ctx)).toMatchObject({
      name: 'Windows 11 Enterprise 24H2',
      edition: 'Enterprise',
    })
  })

  it('takes 22000 as the first Windows 11 build', () => {
    const nameOf = (currentBuild: string, displayVersion: string) =>
      windowsOsFacts(section({ currentBuild, displayVersion }), windowsHost()).name
    expect(nameOf('22000', '21H2')).toBe('Windows 11 Pro 21H2')
    expect(nameOf('19045', '22H2')).toBe('Windows 10 Pro 22H2')
  })

  it('falls back to ReleaseId before 20H2, to a plain name without ProductName, to Node for the architecture', () => {
    const before20H2 = section({ currentBuild: '18363', displayVersion: null, releaseId: '1909', productName: null })
    const old = windowsOsFacts(before20H2, windowsHost())
    expect(old).toMatchObject({ name: 'Windows 10 1909', version: '1909' })
    const arm = windowsOsFacts(section({ architecture: 'ARM64', ubr: null }), windowsHost())
    expect(arm).toMatchObject({ arch: 'arm64', kernel: '10.0.26100' })
    expect(windowsOsFacts(section({ architecture: null }), windowsHost({ arch: 'ia32' })).arch).toBe('ia32')
  })

  it('fails with the reason PowerShell gave when the os section could not be read', async () => {
    const denied = { version: 1, os: { ok: false, error: 'Requested registry access is not allowed.' } }
    const { ctx } = windowsContext(printed(denied))
    await expect(collectWindowsOs(ctx)).rejects.toThrow(
      'Windows PowerShell could not read the os facts: Requested registry access is not allowed.',
    )
  })
})
