// Tests the parser of `apt-get -s` output on the Debian 12 capture and on hand-made Inst lines.
import { describe, expect, it } from 'vitest'
import { parseAptSimulation } from '../../../src/probes/updates/apt.js'
import { fixture } from './updates-test-kit.js'

const instLines = (output: string): string => output.split('\n').filter((line) => line.startsWith('Inst ')).join('\n')

describe('parseAptSimulation', () => {
  it('counts 138 pending and 87 security updates in the captured Debian 12 output', async () => {
    const counts = parseAptSimulation(await fixture('apt_s_upgrade.txt'))!
    expect(counts.pendingUpdates).toBe(138)
    expect(counts.pendingSecurityUpdates).toBe(87)
  })

  it('lists at most 50 security package names, sorted, without the updates from the main archive', async () => {
    const { securityPackages } = parseAptSimulation(await fixture('apt_s_upgrade.txt'))!
    expect(securityPackages).toHaveLength(50)
    expect(securityPackages).toEqual([...securityPackages].sort())
    expect(securityPackages).toContain('libgcrypt20')
    expect(securityPackages).toContain('liblzma5')
    // base-files comes only from Debian:12.15/oldstable
    expect(securityPackages).not.toContain('base-files')
  })

  it('reads only the Inst lines, which apt does not translate: Vietnamese headers give the same counts', async () => {
    const vietnameseHeaders = (await fixture('vi_locale_outputs.txt')).split('\n').slice(8).join('\n')
    expect(vietnameseHeaders).toContain('Đang đọc các danh sách gói...')
    const captured = await fixture('apt_s_upgrade.txt')
    const summary = '138 nâng cấp, 0 cài mới, 0 gỡ bỏ và 0 không nâng cấp.'
    const vietnamese = `${vietnameseHeaders}\n${instLines(captured)}\n${summary}\n`
    expect(parseAptSimulation(vietnamese)).toEqual(parseAptSimulation(captured))
  })

  it('reads an output without apt\'s summary line as unknown, not as nothing pending', () => {
    expect(parseAptSimulation('')).toBeNull()
    expect(parseAptSimulation('Reading package lists...\nsome garbage\n')).toBeNull()
  })

  it('ignores Conf lines and the summary, so nothing pending reads as zero', () => {
    const output = [
      'Reading package lists...',
      '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.',
      'Conf base-files (12.4+deb12u15 Debian:12.15/oldstable [amd64])',
    ].join('\n')
    expect(parseAptSimulation(output)).toEqual({ pendingUpdates: 0, pendingSecurityUpdates: 0, securityPackages: [] })
  })

  it('counts a new package pulled in by dist-upgrade (no installed version) and an Ubuntu security pocket', () => {
    const output = [
      'Inst linux-image-6.8.0-51-generic (6.8.0-51.52 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])',
      'Inst snapd [2.63+24.04] (2.66.1+24.04 Ubuntu:24.04/noble-updates [amd64])',
      '2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.',
    ].join('\n')
    expect(parseAptSimulation(output)).toEqual({
      pendingUpdates: 2,
      pendingSecurityUpdates: 1,
      securityPackages: ['linux-image-6.8.0-51-generic'],
    })
  })

  it('does not take a package or suite merely named like security for a security archive', () => {
    const output = 'Inst python3-security-tools [1.0-1] (1.1-1 Debian:12.15/oldstable-securityish [amd64])'
    expect(parseAptSimulation(`${output}\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.`)?.pendingSecurityUpdates).toBe(0)
  })
})
