/** `hygiene check --facts` on saved Windows and macOS snapshots: the path from facts to report, end to end. */
import { writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ReportSchema } from '../../src/report/schema.js'
import { hygiene } from '../helpers/cli.js'
import { account, accountsFacts, backupFacts, downloadsFacts, osFacts, snapshotOf, updatesFacts } from '../helpers/facts.js'
import { tempTree } from '../helpers/temp-tree.js'
import { collectWindows } from '../probes/windows/windows-kit.js'

const statuses = (report: ReturnType<typeof ReportSchema.parse>) => Object.fromEntries(report.results.map((r) => [r.id, r.status]))

describe('check --facts on other platforms', () => {
  it('judges a Vietnamese Windows 11 snapshot as Windows, in Vietnamese', async () => {
    const home = await tempTree()
    const { snapshot } = await collectWindows('win11-24h2-vi')
    await writeFile(`${home}/may-ke-toan.json`, JSON.stringify(snapshot))
    const json = await hygiene(['check', '--facts', 'may-ke-toan.json', '--format', 'json', '--lang', 'vi'], { home })
    expect(json.exitCode, json.stderr).toBe(0)
    const report = ReportSchema.parse(JSON.parse(json.stdout))
    expect(report.device.os.platform).toBe('windows')
    expect(statuses(report)).toMatchObject({ 'access.empty-password': 'fail', 'updates.os-supported': 'fail' })
    expect(report.results.find((r) => r.id === 'password.max-age')!.message).toContain('Kế toán')
    const remediation = report.results.find((r) => r.id === 'access.empty-password')!.remediation
    expect(remediation).toContain('Ctrl + Alt + Delete')
    const text = await hygiene(['check', '--facts', 'may-ke-toan.json', '--lang', 'vi'], { home })
    expect(text.stdout).toContain('KHÔNG ĐẠT')
  })

  it('judges a macOS snapshot as macOS', async () => {
    const home = await tempTree()
    const mac = snapshotOf({
      os: osFacts({ platform: 'macos', id: 'macos', name: 'macOS 15.1 (24B83)', version: '15.1', build: '24B83' }),
      accounts: accountsFacts([account({ name: 'binh', source: 'dscl', passwordAgeDays: 200, emptyPassword: null })]),
      backup: backupFacts({
        sources: [{ kind: 'time-machine', location: '/Library/Preferences/com.apple.TimeMachine.plist', state: 'not-configured', newestAt: null, capped: false }],
        newestBackupAt: null,
        newestBackupAgeDays: null,
      }),
      updates: updatesFacts({ packageManager: 'softwareupdate' }),
      downloads: downloadsFacts(),
    })
    await writeFile(`${home}/mac.json`, JSON.stringify(mac))
    const run = await hygiene(['check', '--facts', 'mac.json', '--format', 'json', '--lang', 'en'], { home })
    const report = ReportSchema.parse(JSON.parse(run.stdout))
    expect(report.device.os.platform).toBe('macos')
    expect(statuses(report)).toMatchObject({
      'password.max-age': 'fail',
      'backup.recent': 'fail',
      'access.empty-password': 'error',
      'updates.pending': 'pass',
      'updates.os-supported': 'pass',
      'downloads.risky-files': 'pass',
      'network.smb1-enabled': 'not_applicable',
      'media.autorun-enabled': 'not_applicable',
    })
    expect(report.results.find((r) => r.id === 'backup.recent')!.remediation).toContain('Time Machine')
  })
})
