import { describe, expect, it } from 'vitest'
import { BackupFactsSchema } from '../../../src/probes/backup/schema.js'
import { fileHistorySource, oneDriveSources } from '../../../src/probes/backup/sources-windows.js'
import { collectWindowsBackup } from '../../../src/probes/backup/windows.js'
import type { FileHistory, FoldersSection } from '../../../src/probes/windows/windows-facts.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { changedFixture, printed, windowsContext } from '../windows/windows-kit.js'

const history = (overrides: Partial<FileHistory> = {}): FileHistory => ({
  configFolder: 'C:\\Users\\an\\AppData\\Local\\Microsoft\\Windows\\FileHistory\\Configuration',
  configured: true,
  status: 'ENABLED',
  targetUrl: 'E:\\',
  protectedUpTo: null,
  catalogWrittenAt: new Date('2026-11-29T09:00:41Z'),
  ...overrides,
})

describe('backup probe on Windows', () => {
  it('dates File History by its protected time while its disk is away, and lists what else it saw', async () => {
    const backupPaths = ['D:\\SaoLuu', 'E:\\', '\\\\NAS01\\backup\\ketoan']
    const { ctx, stub } = windowsContext('win11-24h2-vi', { backupPaths })
    const facts = BackupFactsSchema.parse(await collectWindowsBackup(ctx))
    stub.assertAllUsed()
    expect(facts.sources.map((source) => [source.kind, source.location, source.state, source.newestAt])).toEqual([
      ['folder', 'D:\\SaoLuu', 'missing', null],
      ['folder', 'E:\\', 'missing', null],
      ['folder', '\\\\NAS01\\backup\\ketoan', 'missing', null],
      ['file-history', 'E:\\', 'found', '2026-11-27T13:05:00.000Z'],
      ['windows-backup', 'Microsoft-Windows-Backup event log', 'not-configured', null],
      ['onedrive', 'C:\\Users\\Nguyễn Văn Á\\OneDrive', 'not-configured', null],
      ['system-restore', 'System Restore (root/default SystemRestore)', 'unreadable', null],
    ])
    expect(facts).toMatchObject({
      newestBackupAt: '2026-11-27T13:05:00.000Z',
      newestBackupAgeDays: 1,
      configuredPaths: 3,
    })
  })

  it('counts a copy in a configured folder, next to the Windows sources', async () => {
    const folder = await tempTree({ 'ho-so.docx': { content: 'x', mtime: new Date('2026-11-28T10:00:00Z') } })
    const facts = await collectWindowsBackup(windowsContext('win10-22h2', { backupPaths: [folder] }).ctx)
    expect(facts.sources[0]).toMatchObject({ kind: 'folder', location: folder, state: 'found' })
    expect(facts.newestBackupAt).toBe(facts.sources[0]?.newestAt)
  })

  it('lists restore points (a DMTF time in UTC+7) but never takes them for a backup of the documents', async () => {
    const facts = await collectWindowsBackup(windowsContext('win10-22h2').ctx)
    expect(facts.sources.at(-1)).toEqual({
      kind: 'system-restore',
      location: 'System Restore (root/default SystemRestore)',
      state: 'found',
      newestAt: '2026-11-20T02:05:12.482Z',
      capped: false,
    })
    expect(facts.newestBackupAt).toBeNull()
  })

  it('dates OneDrive folder backup by its last upload, and reports an event log it may not read', async () => {
    const facts = await collectWindowsBackup(windowsContext('domain-joined').ctx)
    expect(facts.sources.map((source) => [source.kind, source.state, source.newestAt])).toEqual([
      ['file-history', 'not-configured', null],
      ['windows-backup', 'unreadable', null],
      ['onedrive', 'found', '2026-11-28T07:45:10.000Z'],
      ['system-restore', 'unreadable', null],
    ])
  })

  it('takes a completed Windows Backup (system image) from its event', async () => {
    const facts = await collectWindowsBackup(windowsContext('redirected-downloads').ctx)
    expect(facts.sources.find((source) => source.kind === 'windows-backup')).toMatchObject({
      state: 'found',
      newestAt: '2026-11-25T18:02:11.000Z',
    })
  })

  it('fails with the reason when the backup section could not be read', async () => {
    const document = changedFixture('win11-24h2-vi', 'backup', { ok: false, error: 'Cannot index into a null array.' })
    await expect(collectWindowsBackup(windowsContext(printed(document)).ctx)).rejects.toThrow(
      'Windows PowerShell could not read the backup facts: Cannot index into a null array.',
    )
  })
})

describe('File History', () => {
  const ok = (data: FileHistory) => ({ ok: true as const, data })

  it('counts the catalog of the last cycle only while the target is there', () => {
    const present = fileHistorySource(ok(history()), 'present')
    expect(present).toMatchObject({ state: 'found', newestAt: '2026-11-29T09:00:41.000Z' })
    const unknown = fileHistorySource(ok(history()), 'unknown')
    expect(unknown).toMatchObject({ location: 'E:\\', state: 'empty', newestAt: null })
    expect(fileHistorySource(ok(history()), 'missing')).toMatchObject({ location: 'E:\\', state: 'missing' })
  })

  it('is not configured when switched off or never set up, and unreadable when PowerShell failed', () => {
    expect(fileHistorySource(ok(history({ status: 'DISABLED' })), 'present').state).toBe('not-configured')
    expect(fileHistorySource(ok(history({ configured: false, targetUrl: null })), 'unknown')).toMatchObject({
      location: 'C:\\Users\\an\\AppData\\Local\\Microsoft\\Windows\\FileHistory\\Configuration',
      state: 'not-configured',
    })
    const broken = fileHistorySource({ ok: false, error: 'Data at the root level is invalid.' }, 'unknown')
    expect(broken.state).toBe('unreadable')
  })

  it('sees the target through the agent: a folder that exists is present', async () => {
    const target = await tempTree({ 'FileHistory/': '' })
    const document = changedFixture('win11-24h2-vi', 'backup.data.fileHistory.data.targetUrl', target)
    const facts = await collectWindowsBackup(windowsContext(printed(document)).ctx)
    expect(facts.sources.find((source) => source.kind === 'file-history')).toMatchObject({
      location: target,
      newestAt: '2026-11-29T09:00:41.000Z',
    })
  })
})

describe('OneDrive folder backup', () => {
  const account = {
    name: 'Personal',
    userFolder: 'C:\\Users\\an\\OneDrive',
    kfmFoldersProtectedNow: 0,
    lastUploadUnixSeconds: 1_795_000_000,
  }
  const folders = (documents: string): FoldersSection => ({
    userProfile: 'C:\\Users\\an',
    downloads: null,
    documents,
    desktop: null,
  })
  const signedIn = { ok: true as const, data: { accounts: [account] } }

  it('counts when Documents was moved into the OneDrive folder, whatever the case of the path', () => {
    expect(oneDriveSources(signedIn, folders('c:\\users\\AN\\OneDrive\\Tài liệu'))).toEqual([
      {
        kind: 'onedrive',
        location: 'C:\\Users\\an\\OneDrive',
        state: 'found',
        newestAt: '2026-11-18T11:06:40.000Z',
        capped: false,
      },
    ])
    const local = oneDriveSources(signedIn, folders('C:\\Users\\an\\Documents'))
    expect(local[0]?.state).toBe('not-configured')
  })

  it('skips an account without a folder (signed out) and reports an unreadable registry', () => {
    expect(oneDriveSources({ ok: true, data: { accounts: [{ ...account, userFolder: null }] } }, null)).toEqual([])
    const denied = oneDriveSources({ ok: false, error: 'Requested registry access is not allowed.' }, null)
    expect(denied[0]?.state).toBe('unreadable')
  })
})
