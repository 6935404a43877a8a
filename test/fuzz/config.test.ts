/** Property-based fuzzing of the config loader (loadConfig, then checkConfigRules): no crash, no hang, a clear error, valid configs load. */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { checkConfigRules, loadConfig, type Config } from '../../src/config/config.js'
import { PROFILES } from '../../src/engine/profiles.js'
import { LANGS } from '../../src/i18n/index.js'
import { builtinPacks } from '../helpers/engine.js'
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
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9 _-]{0,10}$/).map((s) => s.trim()).filter((s) => s.length > 0)
/** Absolute folders, which the loader keeps as they are. */
const folder = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`)

const validConfig: fc.Arbitrary<Config> = fc.record(
  {
    profile: fc.constantFrom(...PROFILES),
    lang: fc.constantFrom(...LANGS),
    backup: fc.record({ paths: fc.array(folder, { maxLength: 3 }) }),
    downloads: fc.record(
      {
        extraPaths: fc.array(folder, { maxLength: 3 }),
        maxDepth: fc.integer({ min: 1, max: 64 }),
        maxEntries: fc.integer({ min: 1_000, max: 10_000_000 }),
      },
      { requiredKeys: [] },
    ),
    rules: fc.constant({ 'password.max-age': { enabled: false, params: { maxAgeDays: 30 } } }),
    upload: fc.record({ redact: fc.boolean() }),
    police: fc.record({
      name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => s.trim()).filter((s) => s.length > 0),
      phone: fc.stringMatching(/^\+?[0-9][0-9.-]{5,19}$/),
    }),
  },
  { requiredKeys: [] },
)

const baseConfig: Json = {
  profile: 'office',
  lang: 'vi',
  backup: { paths: ['/media/usb', '~/Sao lưu'] },
  downloads: { extraPaths: ['/home/an/Tải về'], maxDepth: 8, maxEntries: 50_000 },
  rules: { 'password.max-age': { enabled: true, params: { maxAgeDays: 60 } } },
  server: {
    url: 'https://collector.phuong.vn:8750',
    deviceId: '6f1c2b9e-3f4a-4c1d-9b7e-2a5d8c0e1f23',
    unit: { code: 'UBND', name: 'UBND phường' },
  },
  upload: { redact: true },
  police: { name: 'Công an phường', phone: '0215 3852 113' },
}

describe('fuzz: config loader', () => {
  it('loads every valid generated config as written', async () => {
    const dir = await tempTree()
    const file = path.join(dir, 'config.yaml')
    await fc.assert(
      fc.asyncProperty(validConfig, async (config) => {
        await writeFile(file, stringify(config))
        const loaded = await loadConfig(testHost({ homeDir: dir }), file, 'en')
        expect(loaded.config).toEqual(expect.objectContaining(config))
        checkConfigRules(loaded, (await builtinPacks()).rules, 'en')
      }),
      fuzzParams(),
    )
  }, fuzzTimeout())

  it('refuses mutated configs, any YAML value, damaged text and random bytes with a HygieneError naming the file', async () => {
    const dir = await tempTree()
    const file = path.join(dir, 'config.yaml')
    const { rules } = await builtinPacks()
    const content = fc.oneof(
      mutationsOf(baseConfig).map((config) => stringify(config)),
      hostileJson.map((value) => stringify(value)),
      textMutationsOf(stringify(baseConfig)),
      hostileBytes,
      fc.constantFrom('rules: &r {password.max-age: *r}\n', 'rules: {__proto__: {enabled: false}}\n', 'backup: *nothing\n'),
    )
    await fc.assert(
      fc.asyncProperty(content, async (input) => {
        await writeFile(file, input)
        const before = prototypeKeys()
        try {
          checkConfigRules(await loadConfig(testHost({ homeDir: dir }), file, 'en'), rules, 'en')
        } catch (error) {
          expectClearError(error, file)
        }
        expect(prototypeKeys()).toEqual(before)
      }),
      fuzzParams(2),
    )
  }, fuzzTimeout(2))
})
