import { chmod, stat, writeFile, mkdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { credentialStore, fileStore, TOKEN_FILE, type KeyringFactory } from '../../src/upload/credentials.js'
import { testHost } from '../helpers/probe-context.js'
import { tempTree } from '../helpers/temp-tree.js'

/** A credential store in memory; `broken` makes it fail as a Linux without Secret Service does on write. */
function fakeKeyring(options: { broken?: 'write' | 'all' } = {}): KeyringFactory & { saved: Map<string, string> } {
  const saved = new Map<string, string>()
  const fail = () => {
    throw new Error("Couldn't access platform storage")
  }
  const factory = ((service: string, account: string) => ({
    getPassword: async () => (options.broken === 'all' ? fail() : (saved.get(`${service}/${account}`) ?? null)),
    setPassword: async (password: string) => {
      if (options.broken) fail()
      saved.set(`${service}/${account}`, password)
    },
    deleteCredential: async () => saved.delete(`${service}/${account}`),
  })) as KeyringFactory & { saved: Map<string, string> }
  factory.saved = saved
  return factory
}

describe('credential stores', () => {
  it('keeps the token in the OS credential store when it answers, and says which', async () => {
    const keyring = fakeKeyring()
    const store = await credentialStore(testHost({ platform: 'windows', homeDir: await tempTree() }), keyring)
    await store.set('secret-token')
    expect(store).toMatchObject({ kind: 'os-keychain', label: 'Windows Credential Manager' })
    expect([...keyring.saved.values()]).toEqual(['secret-token'])
    expect(await store.get()).toBe('secret-token')
    expect(await store.remove()).toBe(true)
    expect(await store.get()).toBeNull()
  })

  it.each(['write', 'all'] as const)('falls back to a file only the user can read when the OS store fails (%s)', async (broken) => {
    const home = await tempTree()
    const host = testHost({ homeDir: home })
    const store = await credentialStore(host, fakeKeyring({ broken }))
    await store.set('secret-token')
    expect(store.kind).toBe('file')
    expect(store.label).toBe(`${home}/.config/hygiene/${TOKEN_FILE}`)
    expect((await stat(store.label)).mode & 0o777).toBe(0o600)
    const again = await credentialStore(host, fakeKeyring({ broken }))
    expect(await again.get()).toBe('secret-token')
    expect(again.kind).toBe('file')
  })

  it('refuses a token file that others can read', async () => {
    const home = await tempTree()
    const store = fileStore(testHost({ homeDir: home }))
    await store.set('secret-token')
    await chmod(store.label, 0o644)
    await expect(store.get()).rejects.toThrow('readable by other users')
  })

  it('takes HYGIENE_DEVICE_TOKEN over any store, and never writes it anywhere', async () => {
    const keyring = fakeKeyring()
    const store = await credentialStore(testHost({ homeDir: await tempTree(), env: { HYGIENE_DEVICE_TOKEN: 'from-env' } }), keyring)
    expect(store.kind).toBe('environment')
    expect(await store.get()).toBe('from-env')
    await expect(store.set('x')).rejects.toThrow()
    expect(keyring.saved.size).toBe(0)
  })

  it('uses a token saved in the file while the OS store has none', async () => {
    const home = await tempTree()
    await mkdir(`${home}/.config/hygiene`, { recursive: true })
    await writeFile(`${home}/.config/hygiene/${TOKEN_FILE}`, 'file-token\n', { mode: 0o600 })
    const store = await credentialStore(testHost({ homeDir: home }), fakeKeyring())
    expect(await store.get()).toBe('file-token')
    expect(store.kind).toBe('file')
  })
})
