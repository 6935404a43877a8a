/** Origin URLs on Linux: the recorded getfattr dump, path escapes, batching, getfattr missing or failing. */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseGetfattrDump, readLinuxOrigins } from '../../../src/probes/downloads/origin-linux.js'
import { commandStub } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'

const SAMPLE = '/tmp/ward-downloads-sample/Bản tải về'
const GETFATTR = 'getfattr --absolute-names -d -e hex -m ^user\\.xdg\\.origin\\.url$ --'
const recorded = (name: string): Promise<string> =>
  readFile(new URL(`../../fixtures/linux/downloads/${name}`, import.meta.url), 'utf8')

describe('parseGetfattrDump', () => {
  it('maps the recorded dump back to the paths, escapes and non-ASCII included', async () => {
    expect(parseGetfattrDump(await recorded('getfattr-origin-hex.txt'))).toEqual(
      new Map([
        [`${SAMPLE}/invoice.pdf.exe`, 'https://example.com/files/invoice.pdf.exe'],
        [`${SAMPLE}/Hóa đơn tháng 11.pdf.exe`, 'https://chat.zalo.me/tải về/Hóa đơn tháng 11.pdf.exe'],
        [`${SAMPLE}/UltraViewer_setup.EXE`, 'https://dl.example.net/UltraViewer_setup.EXE?ref="x"&a=\\b'],
        [`${SAMPLE}/ke\\toan\nmoi.exe`, 'https://example.org/a'],
        [`${SAMPLE}/Telegram Desktop/DichVuCong.APK`, 'https://t.me/dichvucong_fake/12'],
      ]),
    )
  })

  it('decodes the octal escapes of older getfattr releases (spaces and UTF-8 bytes)', () => {
    // [CONSTRUCTED] attr before 2.4.48 escaped every non-printable byte of the C locale.
    const dump = '# file: /home/lan/B\\341\\272\\243n\\040t\\341\\272\\243i\\040v\\341\\273\\201/a.exe\n' +
      'user.xdg.origin.url=0x68747470733a2f2f782e766e2f\n'
    expect(parseGetfattrDump(dump)).toEqual(new Map([['/home/lan/Bản tải về/a.exe', 'https://x.vn/']]))
  })

  it('ignores other attributes and the text encodings it did not ask for', () => {
    const dump = '# file: /a.exe\nuser.xdg.referrer.url=0x68\nuser.xdg.origin.url="https://x"\n\n'
    expect(parseGetfattrDump(dump).size).toBe(0)
  })
})

describe('readLinuxOrigins', () => {
  it('asks getfattr once for a few files and keeps the URLs of the files it asked about', async () => {
    const paths = [`${SAMPLE}/invoice.pdf.exe`, `${SAMPLE}/VNeID.apk`, `${SAMPLE}/Telegram Desktop/DichVuCong.APK`]
    const stub = commandStub().on(`${GETFATTR} ${paths.join(' ')}`, {
      stdout: await recorded('getfattr-origin-hex.txt'),
      stderr: await recorded('getfattr-origin-hex.stderr.txt'),
      exitCode: 1,
    })
    const origins = await readLinuxOrigins(testContext({ run: stub.run }), paths)
    expect(origins.checked).toBe(true)
    expect(origins.origins).toEqual(
      new Map([
        [paths[0], { url: 'https://example.com/files/invoice.pdf.exe', zoneId: null }],
        [paths[2], { url: 'https://t.me/dichvucong_fake/12', zoneId: null }],
      ]),
    )
    stub.assertAllUsed()
  })

  it('splits long lists: 450 files in calls of 200, 200 and 50', async () => {
    const paths = Array.from({ length: 450 }, (_, index) => `/home/lan/Downloads/f${index}.exe`)
    const stub = commandStub().on(/^getfattr /, { stdout: '' }, 3)
    expect((await readLinuxOrigins(testContext({ run: stub.run }), paths)).checked).toBe(true)
    const counts = stub.calls.map((line) => line.split(' /home/lan/').length - 1)
    expect(counts).toEqual([200, 200, 50])
    expect(stub.calls[2]).toBe(`${GETFATTR} ${paths.slice(400).join(' ')}`)
  })

  it.each([
    ['getfattr is not installed', { notFound: true }],
    ['getfattr times out', { timedOut: true }],
    ['getfattr ends with an unexpected code', { exitCode: 2 }],
  ])('reports originChecked false when %s', async (_, answer) => {
    const stub = commandStub().on(/^getfattr /, answer)
    const origins = await readLinuxOrigins(testContext({ run: stub.run }), ['/home/lan/Downloads/a.exe'])
    expect(origins).toEqual({ checked: false, origins: new Map() })
    stub.assertAllUsed()
  })

  it('starts no process without files', async () => {
    expect(await readLinuxOrigins(testContext(), [])).toEqual({ checked: true, origins: new Map() })
  })

  it('starts no process once the probe is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const origins = await readLinuxOrigins(testContext({ signal: controller.signal }), ['/a.exe'])
    expect(origins.checked).toBe(false)
  })
})
