// The XML property list parser and the plist file reader (XML as is, binary through plutil).
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  arrayAt,
  booleanAt,
  dateAt,
  dictAt,
  numberAt,
  parsePlist,
  PlistError,
  stringAt,
  type PlistDict,
} from '../../../src/probes/macos/plist.js'
import { readPlistFile } from '../../../src/probes/macos/plist-file.js'
import { commandStub } from '../../helpers/command-stub.js'
import { macContext } from './macos-test-kit.js'

const wrap = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" ` +
  `"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${body}\n</plist>\n`

describe('parsePlist', () => {
  it('reads every element type of the DTD', () => {
    const dict = parsePlist(
      wrap(`<dict>
  <!-- a comment -->
  <key>name</key><string>Trần Thị Bình &amp; &lt;Sao lưu&gt; &#x1EA0;&#65;</string>
  <key>count</key><integer>-42</integer>
  <key>seconds</key><real>1793577600.5</real>
  <key>when</key><date>2026-11-26T23:10:00Z</date>
  <key>on</key><true/>
  <key>off</key><false/>
  <key>blob</key><data>
    AQID
    BA==
  </data>
  <key>list</key><array><string>a</string><array/><dict/></array>
  <key>empty</key><string/>
  <key>blank</key><string></string>
  <key>__proto__</key><string>just a key</string>
</dict>`),
    ) as PlistDict
    expect(stringAt(dict, 'name')).toBe('Trần Thị Bình & <Sao lưu> ẠA')
    expect(numberAt(dict, 'count')).toBe(-42)
    expect(numberAt(dict, 'seconds')).toBe(1793577600.5)
    expect(dateAt(dict, 'when')?.toISOString()).toBe('2026-11-26T23:10:00.000Z')
    expect([booleanAt(dict, 'on'), booleanAt(dict, 'off')]).toEqual([true, false])
    expect([...(dict.get('blob') as Buffer)]).toEqual([1, 2, 3, 4])
    expect(arrayAt(dict, 'list')).toEqual(['a', [], new Map()])
    expect([stringAt(dict, 'empty'), stringAt(dict, 'blank')]).toEqual(['', ''])
    expect(stringAt(dict, '__proto__')).toBe('just a key')
  })

  it('skips the prose before the plist, as pwpolicy prints it', () => {
    const value = parsePlist(`Getting global account policies\n${wrap('<dict/>')}`)
    expect(value).toEqual(new Map())
  })

  it('keeps the whitespace inside a string', () => {
    expect(parsePlist(wrap('<string>  hai  từ </string>'))).toBe('  hai  từ ')
  })

  it.each([
    ['no plist at all', 'Error: permission denied'],
    ['an unclosed dict', wrap('<dict><key>a</key><string>b</string>').replace('</plist>', '')],
    ['an unknown element', wrap('<set><string>a</string></set>')],
    ['text between dict entries', wrap('<dict>stray<key>a</key><true/></dict>')],
    ['a value without its key', wrap('<dict><string>a</string></dict>')],
    ['a date that is not ISO 8601', wrap('<date>29/11/2026</date>')],
    ['an integer that is no number', wrap('<integer>many</integer>')],
    ['an empty integer', wrap('<integer></integer>')],
    ['content after the value', `${wrap('<true/>')}<false/>`],
    ['a mismatched closing tag', wrap('<array><string>a</array>')],
  ])('rejects %s', (_, text) => {
    expect(() => parsePlist(text)).toThrow(PlistError)
  })

  it('gives null from the typed readers for a missing key or another type', () => {
    const dict = parsePlist(wrap('<dict><key>n</key><integer>1</integer><key>d</key><dict/></dict>')) as PlistDict
    expect([stringAt(dict, 'n'), booleanAt(dict, 'n'), dateAt(dict, 'n'), dictAt(dict, 'n')]).toEqual([
      null,
      null,
      null,
      null,
    ])
    expect(dictAt(dict, 'd')).toEqual(new Map())
    expect(arrayAt(dict, 'n')).toEqual([])
    expect(numberAt(null, 'n')).toBeNull()
  })
})

describe('readPlistFile', () => {
  const FILE = '/Library/Preferences/com.apple.loginwindow.plist'

  it('reads an XML plist without starting a process', async () => {
    const ctx = await macContext({ system: { [FILE.slice(1)]: wrap('<dict><key>GuestEnabled</key><true/></dict>') } })
    expect(await readPlistFile(ctx, FILE)).toEqual({ state: 'ok', value: new Map([['GuestEnabled', true]]) })
  })

  it('converts a binary plist with plutil, given the real path', async () => {
    const stub = commandStub()
    const ctx = await macContext({ system: { [FILE.slice(1)]: 'bplist00\u00d1\u0001\u0002' }, run: stub.run })
    stub.on(`plutil -convert xml1 -o - ${path.join(ctx.systemRoot, FILE)}`, {
      stdout: wrap('<dict><key>GuestEnabled</key><false/></dict>'),
    })
    expect(await readPlistFile(ctx, FILE)).toEqual({ state: 'ok', value: new Map([['GuestEnabled', false]]) })
    stub.assertAllUsed()
  })

  it('says why when plutil fails', async () => {
    const stub = commandStub().on(/^plutil -convert xml1 -o - /, { exitCode: 1, stderr: 'Property List error\n' })
    const ctx = await macContext({ system: { [FILE.slice(1)]: 'bplist00garbage' }, run: stub.run })
    const read = await readPlistFile(ctx, FILE)
    expect(read).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('Property List error') })
  })

  it('tells a missing file from one that cannot be read or parsed', async () => {
    const ctx = await macContext({ system: { 'Library/Preferences/broken.plist': '<plist><dict>' } })
    await mkdir(path.join(ctx.systemRoot, 'Library/Preferences/folder.plist'))
    expect(await readPlistFile(ctx, '/Library/Preferences/none.plist')).toMatchObject({ state: 'missing' })
    expect(await readPlistFile(ctx, '/Library/Preferences/folder.plist')).toMatchObject({
      state: 'unreadable',
      reason: '/Library/Preferences/folder.plist: EISDIR',
    })
    expect(await readPlistFile(ctx, '/Library/Preferences/broken.plist')).toMatchObject({ state: 'unreadable' })
  })
})
