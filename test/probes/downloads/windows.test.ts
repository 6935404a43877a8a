import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { windowsDownloadRoots } from '../../../src/probes/downloads/folders-windows.js'
import { parseZoneIdentifier, readZoneIdentifiers } from '../../../src/probes/downloads/origin-windows.js'
import { DownloadsFactsSchema } from '../../../src/probes/downloads/schema.js'
import { collectWindowsDownloads } from '../../../src/probes/downloads/windows.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'
import { changedFixture, printed, windowsContext } from '../windows/windows-kit.js'

/** A Zone.Identifier stream as Chromium-based Edge writes it (platform-reference §4.3, 123-byte capture). */
const EDGE_STREAM =
  '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=http://runasservice.com/\r\n' +
  'HostUrl=http://runasservice.com/Download/RunAsService.exe\r\n'
const EDGE_ORIGIN = { zoneId: 3, url: 'http://runasservice.com/Download/RunAsService.exe' }

describe('download folders on Windows', () => {
  it('looks in the shell folders of the profile, Zalo and Telegram, as Windows paths', () => {
    const profile = 'C:\\Users\\Nguyễn Văn Á'
    const folders = {
      userProfile: profile,
      downloads: `${profile}\\Downloads`,
      documents: `${profile}\\Documents`,
      desktop: null,
    }
    expect(windowsDownloadRoots(folders, [])).toEqual([
      { path: 'C:\\Users\\Nguyễn Văn Á\\Downloads', kind: 'downloads' },
      { path: 'C:\\Users\\Nguyễn Văn Á\\Desktop', kind: 'desktop' },
      { path: 'C:\\Users\\Nguyễn Văn Á\\Documents\\Zalo Received Files', kind: 'zalo' },
      { path: 'C:\\Users\\Nguyễn Văn Á\\Downloads\\Telegram Desktop', kind: 'telegram' },
    ])
  })

  it('follows Downloads and Documents redirected to D:, keeping Zalo under the profile too', () => {
    const folders = {
      userProfile: 'C:\\Users\\Trần Thị Bình',
      downloads: 'D:\\Tải về',
      documents: 'D:\\Tài liệu',
      desktop: null,
    }
    expect(windowsDownloadRoots(folders, ['~\\Zalo PC', 'E:\\Nhận', 'Tệp nhận'])).toEqual([
      { path: 'D:\\Tải về', kind: 'downloads' },
      { path: 'C:\\Users\\Trần Thị Bình\\Desktop', kind: 'desktop' },
      { path: 'D:\\Tài liệu\\Zalo Received Files', kind: 'zalo' },
      { path: 'C:\\Users\\Trần Thị Bình\\Documents\\Zalo Received Files', kind: 'zalo' },
      { path: 'D:\\Tải về\\Telegram Desktop', kind: 'telegram' },
      { path: 'C:\\Users\\Trần Thị Bình\\Zalo PC', kind: 'extra' },
      { path: 'E:\\Nhận', kind: 'extra' },
      { path: 'C:\\Users\\Trần Thị Bình\\Tệp nhận', kind: 'extra' },
    ])
  })
})

describe('Mark-of-the-Web', () => {
  it('reads the zone and the download address of an Internet file', () => {
    expect(parseZoneIdentifier(Buffer.from(EDGE_STREAM))).toEqual(EDGE_ORIGIN)
  })

  it('reads a stream with a BOM, in UTF-16, or with the referrer alone', () => {
    const withBom = Buffer.from('\uFEFF[ZoneTransfer]\r\nZoneId=4\r\nHostUrl=https://zalo.me/f\r\n')
    expect(parseZoneIdentifier(withBom)).toEqual({ zoneId: 4, url: 'https://zalo.me/f' })
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[ZoneTransfer]\r\nZoneId=3\r\n', 'utf16le')])
    expect(parseZoneIdentifier(utf16)).toEqual({ zoneId: 3, url: null })
    const referrerOnly = Buffer.from('[ZoneTransfer]\nZoneId=3\nReferrerUrl=https://mail.google.com/\n')
    expect(parseZoneIdentifier(referrerOnly)?.url).toBe('https://mail.google.com/')
  })

  it('gives no origin for the intranet and trusted zones, or a stream without a zone', () => {
    const intranet = Buffer.from('[ZoneTransfer]\r\nZoneId=1\r\nHostUrl=http://intranet/a.exe\r\n')
    expect(parseZoneIdentifier(intranet)).toBeNull()
    expect(parseZoneIdentifier(Buffer.from('[ZoneTransfer]\r\nAppZoneId=4\r\n'))).toBeNull()
  })

  // Where the file system has no streams (here), `a.exe:Zone.Identifier` is a file beside `a.exe`: the same read.
  it('reads `file:Zone.Identifier`, and takes a missing one as no mark', async () => {
    const root = await tempTree({ 'a.exe': 'MZ', 'a.exe:Zone.Identifier': EDGE_STREAM, 'b.msi': 'x', 'note.txt': 'x' })
    const lookup = await readZoneIdentifiers(testContext(), [path.join(root, 'a.exe'), path.join(root, 'b.msi')])
    expect(lookup.checked).toBe(true)
    expect([...lookup.origins]).toEqual([[path.join(root, 'a.exe'), EDGE_ORIGIN]])
    const unreadable = await readZoneIdentifiers(testContext(), [path.join(root, 'note.txt', 'c.exe')])
    expect(unreadable.checked).toBe(false)
  })
})

describe('downloads probe on Windows', () => {
  it('scans the redirected Downloads folder and gives the Internet origin as a reason', async () => {
    const downloads = await tempTree({
      'hoa-don.pdf.exe': { content: 'MZ', mtime: new Date('2026-11-28T03:00:00Z') },
      'hoa-don.pdf.exe:Zone.Identifier': EDGE_STREAM,
      'Telegram Desktop/cai-dat.msi': { content: 'x', mtime: new Date('2026-11-27T03:00:00Z') },
      'cong-van.pdf': 'x',
    })
    const document = changedFixture('redirected-downloads', 'folders.data.downloads', downloads)
    const { ctx, stub } = windowsContext(printed(document))
    const facts = DownloadsFactsSchema.parse(await collectWindowsDownloads(ctx))
    stub.assertAllUsed()
    expect(facts.files).toEqual([
      {
        path: path.join(downloads, 'hoa-don.pdf.exe'),
        root: 'downloads',
        reasons: ['executable', 'double-extension', 'internet-origin'],
        sizeBytes: 2,
        modifiedAt: '2026-11-28T03:00:00.000Z',
        ageDays: 1,
        originUrl: 'http://runasservice.com/Download/RunAsService.exe',
        zoneId: 3,
      },
      expect.objectContaining({
        path: path.join(downloads, 'Telegram Desktop', 'cai-dat.msi'),
        reasons: ['installer'],
        zoneId: null,
      }),
    ])
    expect(facts.roots[0]).toEqual({ path: downloads, kind: 'downloads', state: 'scanned' })
    expect(facts.originChecked).toBe(true)
  })

  it('fails when the folders could not be read from the registry', async () => {
    const denied = { ok: false, error: 'Requested registry access is not allowed.' }
    const document = changedFixture('redirected-downloads', 'folders', denied)
    await expect(collectWindowsDownloads(windowsContext(printed(document)).ctx)).rejects.toThrow(
      'Windows PowerShell could not read the folders facts: Requested registry access is not allowed.',
    )
  })
})
