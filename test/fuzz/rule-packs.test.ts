/** Property-based fuzzing of the rule-pack loader (loadPack, loadRules over a folder): no crash, no hang, a clear error, valid packs load. */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { PLATFORMS } from '../../src/core/platform.js'
import { loadPack, loadRules, packFilesAt } from '../../src/engine/load-rules.js'
import { CATEGORIES, RULE_ID_PATTERN, SEVERITIES } from '../../src/engine/rule-schema.js'
import { factsSchema } from '../../src/probes/registry.js'
import {
  expectClearError,
  fuzzParams,
  fuzzTimeout,
  hostileBytes,
  hostileJson,
  mutationsOf,
  prototypeKeys,
  textMutationsOf,
  type Json,
} from '../helpers/fuzz.js'
import { tempTree } from '../helpers/temp-tree.js'

const options = { lang: 'en' as const, facts: factsSchema }

/** Text that survives YAML and the loader's trim unchanged. */
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0)
const localized = fc.record({ vi: text, en: text })

const condition: fc.Arbitrary<Json> = fc.oneof(
  text.map((name) => ({ fact: 'os.name', eq: name })),
  fc.subarray([...PLATFORMS], { minLength: 1 }).map((platforms) => ({ fact: 'os.platform', in: platforms })),
  fc.integer({ min: 0, max: 1_000 }).map((days) => ({ fact: 'backup.newestBackupAgeDays', lte: days })),
  fc.constant({ every: 'accounts.users', where: { field: 'enabled', eq: true }, satisfies: { field: 'hasPassword', eq: true } }),
)

const rule = fc.record({
  id: fc.stringMatching(RULE_ID_PATTERN).filter((id) => id.length <= 60),
  category: fc.constantFrom(...CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  platforms: fc.subarray([...PLATFORMS], { minLength: 1 }),
  title: localized,
  rationale: localized,
  remediation: localized.map((value) => ({ default: value })),
  references: fc.array(text, { minLength: 1, maxLength: 3 }),
  passWhen: condition,
  messages: fc.record({ pass: localized, fail: localized }),
})

/** A valid pack: a list of rules with distinct ids, bare or under `pack:` metadata. */
const validPack = fc
  .tuple(fc.uniqueArray(rule, { minLength: 1, maxLength: 4, selector: (r) => r.id }), fc.boolean())
  .map(([rules, withMeta]) => ({ rules, document: (withMeta ? { pack: { id: 'fuzz', version: 1 }, rules } : rules) as Json }))

/** The pack every malformed one is made from: a list of rules. */
const basePack = fc.sample(validPack, { numRuns: 1, seed: 1082 })[0]!.rules as Json[]
const baseRule = basePack[0] as Record<string, Json>

/** A valid rule whose condition contains itself through an alias. */
const cyclicRule = stringify([{ ...baseRule, passWhen: 'CYCLE' }]).replace('passWhen: CYCLE', 'passWhen: &loop { not: *loop }')

/** YAML resource exhaustion: each level of aliases multiplies the expanded size by ten. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  for (let level = 1; level <= levels; level++) {
    lines.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`)
  }
  return `${lines.join('\n')}\n`
}

/** YAML a parser or the loader could mishandle: aliases, anchors that contain themselves, tags, deep nesting, NULs. */
const hostileYaml: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 3, max: 9 }).map(aliasBomb),
  fc.constantFrom(
    'rules: &r [*r]\n',
    '- &c {passWhen: *c}\n',
    cyclicRule,
    '- id: a.b\n  passWhen: &c {all: [*c]}\n',
    '<<: *missing\n',
    'rules: *missing\n',
    '- !!binary aGVsbG8=\n',
    '- !!js/function "function () {}"\n',
    'rules: !!set {a, b}\n',
    '? [a, b]\n: 1\n',
    '%YAML 9.9\n---\n[]\n',
    '---\n[]\n---\n[]\n',
    'rules:\n\t- a\n',
    '\u0000',
    'rules: [\u0000]\n',
    '__proto__: {polluted: yes}\nrules: []\n',
    '- __proto__: {polluted: yes}\n  constructor: {prototype: {polluted: yes}}\n',
  ),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `- ${'['.repeat(depth)}${']'.repeat(depth)}\n`),
  fc.integer({ min: 100, max: 3_000 }).map((depth) => `- passWhen: ${'{not: '.repeat(depth)}{fact: os.name, eq: x}${'}'.repeat(depth)}\n`),
)

/** Writes one pack file and loads it; the answer is the rules or a HygieneError naming the file. */
async function loadOne(dir: string, content: string | Buffer): Promise<void> {
  const file = path.join(dir, 'pack.yaml')
  await writeFile(file, content)
  const before = prototypeKeys()
  try {
    await loadPack(file, options)
  } catch (error) {
    expectClearError(error, file)
  }
  expect(prototypeKeys()).toEqual(before)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
}

describe('fuzz: rule-pack loader', () => {
  it('loads every valid generated pack, rules and texts as written', async () => {
    const dir = await tempTree()
    await fc.assert(
      fc.asyncProperty(validPack, async ({ rules, document }) => {
        const file = path.join(dir, 'pack.yaml')
        await writeFile(file, stringify(document))
        const loaded = await loadPack(file, options)
        expect(loaded.map((r) => [r.id, r.title, r.severity, r.platforms])).toEqual(rules.map((r) => [r.id, r.title, r.severity, r.platforms]))
      }),
      fuzzParams(),
    )
  }, fuzzTimeout())

  it('refuses a valid pack with deleted, renamed, duplicated or retyped fields with a HygieneError', async () => {
    const dir = await tempTree()
    await fc.assert(fc.asyncProperty(mutationsOf(basePack), async (pack) => loadOne(dir, stringify(pack))), fuzzParams())
  }, fuzzTimeout())

  it('refuses any YAML value, damaged text, random bytes and hostile YAML with a HygieneError', async () => {
    const dir = await tempTree()
    const content = fc.oneof(
      hostileJson.map((value) => stringify(value)),
      textMutationsOf(stringify(basePack)),
      hostileBytes,
      hostileYaml,
    )
    await fc.assert(fc.asyncProperty(content, async (input) => loadOne(dir, input)), fuzzParams())
  }, fuzzTimeout())

  it('loads a folder of packs or refuses it naming the file at fault', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(validPack.map(({ document }) => stringify(document)), hostileYaml), { minLength: 1, maxLength: 3 }), async (packs) => {
        const dir = await tempTree(Object.fromEntries(packs.map((content, index) => [`${index}.yaml`, content])))
        try {
          await loadRules(await packFilesAt(dir), options)
        } catch (error) {
          expectClearError(error, dir)
        }
      }),
      fuzzParams(0.3),
    )
  }, fuzzTimeout(0.3))

  it('keeps a condition nested thousands deep to a clear error', async () => {
    const dir = await tempTree()
    const rule = stringify([{ ...baseRule, passWhen: 'DEEP' }])
    for (const depth of [1_000, 20_000]) {
      await loadOne(dir, rule.replace('DEEP', `${'[{not: '.repeat(depth)}${'}]'.repeat(depth)}`))
    }
  })
})
