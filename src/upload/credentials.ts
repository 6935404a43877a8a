/**
 * Where the device token lives: the OS credential store (Windows Credential Manager, macOS
 * Keychain, Secret Service) through @napi-rs/keyring; where none answers (a headless Linux box),
 * a file in the config folder readable only by the user. HYGIENE_DEVICE_TOKEN overrides both.
 * The token is never written to the config file or printed.
 */
import { chmod, readFile, rm, stat, writeFile, rename, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Host } from '../core/host.js'
import { configDir, hostPath } from '../core/user-dirs.js'
import { errorCode } from '../core/fs-errors.js'

export type CredentialStoreKind = 'environment' | 'os-keychain' | 'file'

export interface CredentialStore {
  kind: CredentialStoreKind
  /** What a person calls it: "Windows Credential Manager", a file path... */
  label: string
  get(): Promise<string | null>
  set(token: string): Promise<void>
  /** True when a token was there and is gone now. */
  remove(): Promise<boolean>
}

/** The part of @napi-rs/keyring the agent uses, injectable for tests. */
export interface KeyringEntry {
  getPassword(): Promise<string | null>
  setPassword(password: string): Promise<void>
  deleteCredential(): Promise<boolean>
}
export type KeyringFactory = (service: string, account: string) => KeyringEntry

const SERVICE = 'ward-hygiene'
const ACCOUNT = 'device-token'
export const TOKEN_FILE = 'device-token'

export async function defaultKeyring(): Promise<KeyringFactory | null> {
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring')
    return (service, account) => new AsyncEntry(service, account)
  } catch {
    // No prebuilt binary for this platform (or the one-file executable cannot load it): the file store is used.
    return null
  }
}

function keychainLabel(host: Host): string {
  switch (host.platform) {
    case 'windows':
      return 'Windows Credential Manager'
    case 'macos':
      return 'macOS Keychain'
    case 'linux':
      return 'Secret Service'
  }
}

function keychainStore(host: Host, keyring: KeyringFactory): CredentialStore {
  const entry = keyring(SERVICE, ACCOUNT)
  return {
    kind: 'os-keychain',
    label: keychainLabel(host),
    get: () => entry.getPassword(),
    set: (token) => entry.setPassword(token),
    remove: () => entry.deleteCredential(),
  }
}

export function fileStore(host: Host): CredentialStore {
  const file = hostPath(host).join(configDir(host), TOKEN_FILE)
  return {
    kind: 'file',
    label: file,
    async get() {
      try {
        const info = await stat(file)
        // A token others can read is as good as leaked: refuse it rather than use it.
        if (host.platform !== 'windows' && (info.mode & 0o077) !== 0) throw new TokenFileExposed(file)
        return (await readFile(file, 'utf8')).trim() || null
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return null
        throw error
      }
    },
    async set(token) {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      const temp = `${file}.${process.pid}.tmp`
      await writeFile(temp, `${token}\n`, { mode: 0o600 })
      await chmod(temp, 0o600)
      await rename(temp, file)
    },
    async remove() {
      try {
        await stat(file)
      } catch {
        return false
      }
      await rm(file, { force: true })
      return true
    },
  }
}

export class TokenFileExposed extends Error {
  constructor(readonly file: string) {
    super(`${file} is readable by other users`)
  }
}

function environmentStore(token: string): CredentialStore {
  const refuse = async (): Promise<never> => {
    throw new Error('HYGIENE_DEVICE_TOKEN is set: the token comes from the environment and is not stored')
  }
  return { kind: 'environment', label: 'HYGIENE_DEVICE_TOKEN', get: async () => token, set: refuse, remove: refuse }
}

/**
 * The store in use: the environment when HYGIENE_DEVICE_TOKEN is set; else the OS credential store,
 * falling back to the file whenever the OS store does not answer. A Secret Service that is missing
 * may still answer reads (with nothing) and fail only on write, so the choice is made on each use:
 * `kind` and `label` tell where the token was last found or put.
 */
export async function credentialStore(host: Host, keyring: KeyringFactory | null): Promise<CredentialStore> {
  const fromEnvironment = host.env.HYGIENE_DEVICE_TOKEN
  if (fromEnvironment) return environmentStore(fromEnvironment)
  const file = fileStore(host)
  if (!keyring) return file
  const keychain = keychainStore(host, keyring)
  let active: CredentialStore = keychain
  return {
    get kind() {
      return active.kind
    },
    get label() {
      return active.label
    },
    async get() {
      const token = await keychain.get().catch(() => null)
      if (token) {
        active = keychain
        return token
      }
      const saved = await file.get()
      if (saved) active = file
      return saved
    },
    async set(token) {
      try {
        await keychain.set(token)
        active = keychain
        // One place only: a token left in the file would be read after the keychain's is removed.
        await file.remove()
      } catch {
        await file.set(token)
        active = file
      }
    },
    async remove() {
      const fromKeychain = await keychain.remove().catch(() => false)
      return (await file.remove()) || fromKeychain
    },
  }
}
