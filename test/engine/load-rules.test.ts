import { describe, expect, it } from 'vitest'
import { HygieneError } from '../../src/core/errors.js'
import { t } from '../../src/i18n/index.js'
import { configureValidationLanguage } from '../../src/i18n/validation.js'
import { loadPack, loadRules, packFilesAt } from '../../src/engine/load-rules.js'
import { factsSchema } from '../../src/probes/registry.js'
import { tempTree } from '../helpers/temp-tree.js'

const validRule = `
  - id: backup.usb-recent
    category: backup
    severity: low
    platforms: [linux]
    title: { vi: Sao lưu USB, en: USB backup }
    rationale: { vi: Vì sao, en: Why }
    remediation: { default: { vi: Làm thế này, en: Do this } }
    references: ["CV 1082/UBND-CA, mục 1"]
    params: { maxAgeDays: 30 }
    passWhen: { fact: backup.newestBackupAgeDays, lte: { param: maxAgeDays } }
    messages:
      pass: { vi: Tốt, en: Good }
      fail: { vi: "Cũ {{newestBackupAgeDays}} ngày", en: "{{newestBackupAgeDays}} days old" }
`

async function packError(yaml: string, lang: 'en' | 'vi' = 'en'): Promise<string> {
  configureValidationLanguage(lang)
  const dir = await tempTree({ 'extra.yaml': yaml })
  try {
    await loadPack(`${dir}/extra.yaml`, { lang, facts: factsSchema })
  } catch (error) {
    if (error instanceof HygieneError) return t(lang, error.key, error.vars)
    throw error
  } finally {
    configureValidationLanguage('en')
  }
  throw new Error('the pack loaded without error')
}

describe('loadPack', () => {
  it('loads a valid pack written as a list, and one with pack metadata', async () => {
    const dir = await tempTree({ 'list.yaml': validRule, 'meta.yaml': `pack: { id: usb, version: 1 }\nrules:${validRule}` })
    const [fromList] = await loadPack(`${dir}/list.yaml`, { lang: 'en', facts: factsSchema })
    expect(fromList).toMatchObject({ id: 'backup.usb-recent', probes: ['backup'], params: { maxAgeDays: 30 } })
    expect(fromList!.origin).toEqual({ file: `${dir}/list.yaml`, line: 2 })
    expect(await loadPack(`${dir}/meta.yaml`, { lang: 'en', facts: factsSchema })).toHaveLength(1)
  })

  it('names the file, the rule id, the field and the line', async () => {
    const message = await packError(validRule.replace('severity: low', 'severity: apocalyptic'))
    expect(message).toContain('extra.yaml')
    expect(message).toMatch(/rule backup\.usb-recent, field severity \(line 4\)/)
  })

  it('reports a bad id and every other mistake of the rule', async () => {
    const message = await packError('- id: bad rule id\n  severity: apocalyptic\n')
    expect(message).toContain('rule bad rule id, field id (line 1): the id must be <area>.<name>')
    expect(message).toContain('field severity (line 2)')
    expect(message).toContain('field category')
  })

  it('catches a fact no probe gathers, with the line of the condition', async () => {
    const message = await packError(validRule.replace('backup.newestBackupAgeDays, lte', 'backup.newestAgeDays, lte'))
    expect(message).toMatch(/field passWhen\.fact \(line 11\): no probe gathers the fact "backup\.newestAgeDays"/)
  })

  it('catches a parameter the rule does not declare', async () => {
    const message = await packError(validRule.replace('{ param: maxAgeDays }', '{ param: maxDays }'))
    expect(message).toContain('unknown parameter "maxDays"')
  })

  it('catches an unknown key in a rule (typo of a field name)', async () => {
    const message = await packError(validRule.replace('    references:', '    referenses: [x]\n    references:'))
    expect(message).toMatch(/field referenses \(line \d+\)/)
  })

  it('requires remediation for each platform without a default', async () => {
    const message = await packError(
      validRule.replace('platforms: [linux]', 'platforms: [linux, windows]').replace('remediation: { default:', 'remediation: { linux:'),
    )
    expect(message).toContain('field remediation')
  })

  it('reports YAML syntax errors with their line', async () => {
    const message = await packError('- id: a.b\n  title: [unclosed\n')
    expect(message).toMatch(/extra\.yaml, line \d: not valid YAML/)
  })

  it('rejects a file that is not a pack', async () => {
    expect(await packError('just: text')).toContain('a rule pack is a list of rules')
  })

  it('speaks Vietnamese, zod messages included', async () => {
    const message = await packError(validRule.replace('severity: low', 'severity: apocalyptic'), 'vi')
    expect(message).toContain('quy tắc backup.usb-recent, trường severity (dòng 4)')
    expect(message).toContain('mong đợi một trong các giá trị')
  })
})

describe('loadRules', () => {
  it('refuses the same id in two packs', async () => {
    const dir = await tempTree({ 'a.yaml': validRule, 'b.yaml': validRule })
    await expect(loadRules(await packFilesAt(dir), { lang: 'en', facts: factsSchema })).rejects.toMatchObject({
      key: 'pack.duplicateId',
      vars: { id: 'backup.usb-recent' },
    })
  })

  it('lists the yaml files of a folder, sorted, and takes a file as itself', async () => {
    const dir = await tempTree({ 'b.yaml': '', 'a.yml': '', 'notes.txt': '' })
    expect(await packFilesAt(dir)).toEqual([`${dir}/a.yml`, `${dir}/b.yaml`])
    expect(await packFilesAt(`${dir}/b.yaml`)).toEqual([`${dir}/b.yaml`])
    await expect(packFilesAt(`${dir}/nope`)).rejects.toMatchObject({ key: 'file.notFound' })
  })
})
