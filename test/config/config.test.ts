import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkConfigRules, configLocation, loadConfig } from '../../src/config/config.js'
import { HygieneError } from '../../src/core/errors.js'
import { t } from '../../src/i18n/index.js'
import { builtinPacks } from '../helpers/engine.js'
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

async function configError(yaml: string): Promise<string> {
  const dir = await tempTree({ 'config.yaml': yaml })
  try {
    const loaded = await loadConfig(testHost({ homeDir: dir }), `${dir}/config.yaml`, 'en')
    checkConfigRules(loaded, (await builtinPacks()).rules, 'en')
  } catch (error) {
    if (error instanceof HygieneError) return t('en', error.key, error.vars)
    throw error
  }
  throw new Error('the config loaded without error')
}

describe('configLocation', () => {
  it('takes --config, then HYGIENE_CONFIG, then the per-user folder of each platform', () => {
    expect(configLocation(testHost(), 'x.yaml')).toEqual({ file: path.resolve('x.yaml'), explicit: true })
    expect(configLocation(testHost({ env: { HYGIENE_CONFIG: '/etc/h.yaml' } }), undefined)).toEqual({ file: '/etc/h.yaml', explicit: true })
    expect(configLocation(testHost({ homeDir: '/home/an' }), undefined).file).toBe('/home/an/.config/hygiene/config.yaml')
    expect(configLocation(testHost({ homeDir: '/home/an', env: { XDG_CONFIG_HOME: '/x' } }), undefined).file).toBe('/x/hygiene/config.yaml')
    const windows = testHost({ platform: 'windows', homeDir: 'C:\\Users\\an', env: { APPDATA: 'C:\\Users\\an\\AppData\\Roaming' } })
    expect(configLocation(windows, undefined).file).toBe('C:\\Users\\an\\AppData\\Roaming\\hygiene\\config.yaml')
    expect(configLocation(testHost({ platform: 'macos', homeDir: '/Users/an' }), undefined).file).toBe(
      '/Users/an/Library/Application Support/hygiene/config.yaml',
    )
  })
})

describe('loadConfig', () => {
  it('gives defaults when no config file exists', async () => {
    const dir = await tempTree()
    expect(await loadConfig(testHost({ homeDir: dir }), undefined, 'en')).toEqual({ config: {}, file: null, source: null })
  })

  it('reads every key, expanding ~ and folders relative to the file', async () => {
    const dir = await tempTree({
      'cfg/config.yaml': [
        'profile: school',
        'lang: vi',
        'backup:',
        '  paths: ["~/Sao lưu", "usb", "/mnt/nas/ketoan"]',
        'downloads:',
        '  extraPaths: ["~/Tài liệu/Thư điện tử"]',
        'rules:',
        '  backup.recent: { params: { maxAgeDays: 10 } }',
        '  updates.pending: { enabled: false }',
      ].join('\n'),
    })
    const loaded = await loadConfig(testHost({ homeDir: '/home/an' }), `${dir}/cfg/config.yaml`, 'en')
    expect(loaded.config).toEqual({
      profile: 'school',
      lang: 'vi',
      backup: { paths: ['/home/an/Sao lưu', `${dir}/cfg/usb`, '/mnt/nas/ketoan'] },
      downloads: { extraPaths: ['/home/an/Tài liệu/Thư điện tử'] },
      rules: { 'backup.recent': { params: { maxAgeDays: 10 } }, 'updates.pending': { enabled: false } },
    })
    expect(() => checkConfigRules(loaded, [], 'en')).toThrow()
  })

  it('accepts an empty file', async () => {
    const dir = await tempTree({ 'config.yaml': '# nothing yet\n' })
    expect((await loadConfig(testHost(), `${dir}/config.yaml`, 'en')).config).toEqual({})
  })

  it.each([
    ['profile: office\nnoSuchKey: 1\n', /noSuchKey \(line 2\)/],
    ['backup:\n  path: [/x]\n', /backup\.path \(line 2\)/],
    ['profile: army\n', /profile \(line 1\)/],
    ['downloads:\n  maxDepth: 0\n', /downloads\.maxDepth \(line 2\)/],
    ['profile: [unclosed\n', /line \d: not valid YAML/],
    ['rules:\n  no.such-rule: { enabled: false }\n', /rules\.no\.such-rule \(line 2\): there is no rule "no\.such-rule"/],
    ['rules:\n  backup.recent: { params: { maxDays: 3 } }\n', /has no parameter "maxDays" \(it has: maxAgeDays\)/],
    ['rules:\n  backup.recent: { params: { maxAgeDays: "soon" } }\n', /maxAgeDays must be a number, not "soon"/],
    ['police:\n  name: Công an phường\n  phone: call us\n', /police\.phone \(line 3\)/],
    ['police:\n  name: Công an phường\n  phone: "0215 3852 113"\n  email: x@y.vn\n', /police\.email \(line 4\)/],
    ['police:\n  phone: "0215 3852 113"\n', /police\.name/],
  ])('rejects %j naming the file, field and line', async (yaml, expected) => {
    const message = await configError(yaml)
    expect(message).toContain('config.yaml')
    expect(message).toMatch(expected)
  })

  it('reads the ward police contact that `hygiene incident` prints', async () => {
    const dir = await tempTree({ 'config.yaml': 'police:\n  name: Công an phường Mường Lay\n  phone: "0215 3852 113"\n  address: Tổ dân phố 2\n' })
    expect((await loadConfig(testHost(), `${dir}/config.yaml`, 'en')).config.police).toEqual({
      name: 'Công an phường Mường Lay',
      phone: '0215 3852 113',
      address: 'Tổ dân phố 2',
    })
  })

  it('refuses a --config file that does not exist', async () => {
    await expect(loadConfig(testHost(), '/nonexistent/hygiene.yaml', 'en')).rejects.toMatchObject({ key: 'file.notFound' })
  })
})
