/** Parity checks over the shipped rule packs, as ESLint checks its rule files. */
import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { builtinPacks } from '../helpers/engine.js'

/** What each named evaluator adds to a message's variables. */
const EVALUATOR_VARIABLES: Record<string, string[]> = {
  'os-end-of-life': ['os', 'release', 'supportEndsOn', 'extendedSupportEndsOn', 'extendedSupportKind', 'daysLeft', 'source', 'tableCheckedOn'],
  'browser-currency': ['browsers', 'outdated', 'tableRecordedOn'],
  'office-support': ['suites', 'unsupported', 'tableRecordedOn'],
}

describe('built-in rule packs', async () => {
  const { rules } = await builtinPacks()
  const dir = new URL('./', import.meta.url)
  const testFiles = (await readdir(dir)).filter((name) => name.endsWith('.test.ts') && name !== 'packs-meta.test.ts')
  const testSource = (await Promise.all(testFiles.map((name) => readFile(new URL(name, dir), 'utf8')))).join('\n')

  it('have unique, well-formed ids', () => {
    const ids = rules.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it.each(rules.map((rule) => [rule.id, rule] as const))('%s has tests, two languages, references', (id, rule) => {
    expect(testSource, `no describe('${id}') block`).toContain(`describe('${id}'`)
    const texts = [rule.title, rule.rationale, ...Object.values(rule.remediation), ...Object.values(rule.messages).flat().map((m) => m.text)]
    for (const text of texts) {
      expect(text.vi).toBe(text.vi.normalize('NFC'))
      expect(text.vi).not.toBe(text.en)
    }
    expect(rule.references.some((ref) => /CV 1082|907\/CAT-PA05/.test(ref))).toBe(true)
    expect(rule.messages.pass).toBeDefined()
    expect(rule.messages.fail).toBeDefined()
  })

  it('use in messages only placeholders that exist', () => {
    for (const rule of rules) {
      const known = new Set([
        ...Object.keys(rule.params),
        ...rule.evidence.map((field) => field.name),
        'offenders',
        'unknowns',
        // evaluator evidence
        ...EVALUATOR_VARIABLES[rule.evaluator?.name ?? ''] ?? [],
      ])
      for (const variant of Object.values(rule.messages).flat()) {
        for (const text of [variant.text.vi, variant.text.en]) {
          for (const [, name] of text.matchAll(/\{\{\s*([\w]+)/g)) expect(known, `${rule.id}: {{${name}}}`).toContain(name)
        }
      }
    }
  })
})
