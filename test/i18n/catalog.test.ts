import { describe, expect, it } from 'vitest'
import { catalogs, fill, osLang } from '../../src/i18n/index.js'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('message catalogs', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(catalogs.vi).sort()).toEqual(Object.keys(catalogs.en).sort())
  })

  it.each(Object.keys(catalogs.en))('%s: same placeholders, non-empty, NFC', (key) => {
    const en = catalogs.en[key as keyof typeof catalogs.en]
    const vi = catalogs.vi[key as keyof typeof catalogs.vi]
    expect(vi.trim()).not.toBe('')
    expect(placeholders(vi)).toEqual(placeholders(en))
    // Decomposed diacritics (from some keyboards) break search and sorting.
    expect(vi).toBe(vi.normalize('NFC'))
  })

  it('leaves an unknown placeholder visible', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })
})

describe('osLang', () => {
  it.each([
    [{ LANG: 'vi_VN.UTF-8' }, 'vi'],
    [{ LC_ALL: 'vi_VN', LANG: 'en_US.UTF-8' }, 'vi'],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'vi_VN.UTF-8' }, 'en'],
    [{ LC_MESSAGES: 'vi_VN.UTF-8', LANG: 'en_US' }, 'vi'],
    [{ LANG: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'vietnamese' }, 'en'],
  ])('%j → %s', (env, lang) => {
    expect(osLang(env)).toBe(lang)
  })
})
