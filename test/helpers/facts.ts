/**
 * Builders of valid facts for rule and engine tests. Every builder's output is checked against the
 * probe's schema, so test data cannot drift from what probes really produce.
 */
import type { Account, AccountsFacts } from '../../src/probes/accounts/schema.js'
import type { BackupFacts } from '../../src/probes/backup/schema.js'
import type { DownloadsFacts, RiskyFile } from '../../src/probes/downloads/schema.js'
import type { OsFacts } from '../../src/probes/os/schema.js'
import { probeById } from '../../src/probes/registry.js'
import type { FactsSnapshot, ProbeOutcome } from '../../src/probes/snapshot.js'
import type { UpdatesFacts } from '../../src/probes/updates/schema.js'
import type { AntivirusFacts, AntivirusProduct } from '../../src/probes/antivirus/schema.js'
import type { AutorunFacts } from '../../src/probes/autorun/schema.js'
import type { EncryptionFacts } from '../../src/probes/encryption/schema.js'
import type { FirewallFacts } from '../../src/probes/firewall/schema.js'
import type { ScreenLockFacts } from '../../src/probes/screenlock/schema.js'
import type { SharingFacts } from '../../src/probes/sharing/schema.js'
import type { SoftwareFacts } from '../../src/probes/software/schema.js'

export function account(overrides: Partial<Account> = {}): Account {
  return {
    name: 'an',
    uid: '1000',
    isCurrentUser: true,
    enabled: true,
    hasPassword: true,
    emptyPassword: false,
    mustChange: false,
    passwordLastSetAt: '2026-11-01T00:00:00.000Z',
    passwordAgeDays: 28,
    maxPasswordAgeDays: 90,
    builtin: null,
    source: 'shadow',
    ...overrides,
  }
}

export function accountsFacts(users: Account[], policyMaxDays: number | null = 90): AccountsFacts {
  return {
    users,
    policy: { maxPasswordAgeDays: policyMaxDays, source: '/etc/login.defs PASS_MAX_DAYS' },
    limitedToCurrentUser: false,
    domainJoined: null,
    currentUserIsAdmin: false,
    guestEnabled: false,
    autoLogon: { enabled: false, user: null, storedPassword: false, source: '/etc/gdm3/custom.conf' },
  }
}

export function backupFacts(overrides: Partial<BackupFacts> = {}): BackupFacts {
  return {
    sources: [{ kind: 'folder', location: '/media/usb/sao-luu', state: 'found', newestAt: '2026-11-27T08:00:00.000Z', capped: false }],
    newestBackupAt: '2026-11-27T08:00:00.000Z',
    newestBackupAgeDays: 2,
    configuredPaths: 1,
    ...overrides,
  }
}

export function updatesFacts(overrides: Partial<UpdatesFacts> = {}): UpdatesFacts {
  return {
    packageManager: 'apt',
    pendingUpdates: 0,
    pendingSecurityUpdates: 0,
    securityPackages: [],
    indexRefreshedAt: '2026-11-29T06:00:00.000Z',
    indexAgeDays: 0,
    rebootRequired: false,
    lastInstalledAt: '2026-11-20T02:00:00.000Z',
    lastInstalledAgeDays: 9,
    updatesDisabled: null,
    problems: [],
    ...overrides,
  }
}

export function riskyFile(overrides: Partial<RiskyFile> = {}): RiskyFile {
  return {
    path: '/home/an/Downloads/hoa-don.pdf.exe',
    root: 'downloads',
    reasons: ['executable', 'double-extension'],
    sizeBytes: 1024,
    modifiedAt: '2026-11-28T00:00:00.000Z',
    ageDays: 1,
    originUrl: null,
    zoneId: null,
    ...overrides,
  }
}

export function downloadsFacts(files: RiskyFile[] = [], overrides: Partial<DownloadsFacts> = {}): DownloadsFacts {
  return {
    roots: [{ path: '/home/an/Downloads', kind: 'downloads', state: 'scanned' }],
    files,
    filesTotal: files.length,
    entriesScanned: 120,
    depthCapReached: false,
    entryCapReached: false,
    originChecked: true,
    ...overrides,
  }
}

export function osFacts(overrides: Partial<OsFacts> = {}): OsFacts {
  return {
    platform: 'linux',
    id: 'debian',
    idLike: [],
    name: 'Debian GNU/Linux 13 (trixie)',
    version: '13',
    build: null,
    codename: 'trixie',
    edition: null,
    kernel: '6.12.0-amd64',
    arch: 'x64',
    hostname: 'pc-ketoan',
    supportEndsOn: null,
    machineIdHash: '0123456789abcdef0123456789abcdef',
    ...overrides,
  }
}

export function antivirusProduct(overrides: Partial<AntivirusProduct> = {}): AntivirusProduct {
  return {
    name: 'Microsoft Defender Antivirus',
    kind: 'defender',
    realTimeProtection: true,
    signaturesUpdatedAt: '2026-11-28T22:00:00.000Z',
    signaturesAgeDays: 0,
    upToDate: true,
    ...overrides,
  }
}

export function antivirusFacts(products: AntivirusProduct[] = [antivirusProduct()]): AntivirusFacts {
  return { products, problems: [] }
}

export function firewallFacts(overrides: Partial<FirewallFacts> = {}): FirewallFacts {
  return { profiles: [{ name: 'ufw', enabled: true }], thirdParty: [], problems: [], ...overrides }
}

export function encryptionFacts(overrides: Partial<EncryptionFacts['systemVolume']> = {}): EncryptionFacts {
  return { systemVolume: { mount: '/', method: 'luks', encrypted: true, state: 'on', needsAdmin: false, ...overrides }, problems: [] }
}

export function screenLockFacts(overrides: Partial<ScreenLockFacts> = {}): ScreenLockFacts {
  return {
    desktop: true,
    lockEnabled: true,
    requiresPassword: true,
    idleMinutes: 5,
    enforcedByPolicy: false,
    source: 'gsettings',
    problems: [],
    ...overrides,
  }
}

export function softwareFacts(overrides: Partial<SoftwareFacts> = {}): SoftwareFacts {
  return {
    installed: [{ name: 'Google Chrome', version: '156.0.8078.73', publisher: 'Google LLC', source: 'dpkg' }],
    running: ['gnome-shell'],
    remoteAccessTools: [],
    browsers: [{ browser: 'chrome', version: '156.0.8078.73', major: 156 }],
    office: [{ suite: 'libreoffice', name: 'LibreOffice', version: '26.8.2.2', release: '26.8' }],
    problems: [],
    ...overrides,
  }
}

export function sharingFacts(overrides: Partial<SharingFacts> = {}): SharingFacts {
  return {
    smb1Enabled: false,
    remoteDesktop: { enabled: false, networkLevelAuthentication: null, service: null },
    shares: [],
    problems: [],
    ...overrides,
  }
}

export function autorunFacts(overrides: Partial<AutorunFacts> = {}): AutorunFacts {
  return { autorunEnabled: false, autoplayEnabled: false, source: 'gsettings', ...overrides }
}

/** A snapshot whose probes all succeeded with the given facts (validated against their schemas). */
export function snapshotOf(facts: Record<string, unknown>, failures: Record<string, ProbeOutcome> = {}): FactsSnapshot {
  const probes: Record<string, ProbeOutcome> = { ...failures }
  for (const [id, value] of Object.entries(facts)) {
    const probe = probeById(id)
    if (!probe) throw new Error(`no probe ${id}`)
    probes[id] = { status: 'ok', durationMs: 1, facts: probe.schema.parse(value) }
  }
  const os = (facts.os as OsFacts | undefined) ?? osFacts()
  return {
    kind: 'ward-hygiene/facts',
    schemaVersion: 1,
    collectedAt: '2026-11-29T03:00:00.000Z',
    agent: { version: '0.0.0-test' },
    device: {
      id: os.machineIdHash ?? '0123456789abcdef0123456789abcdef',
      hostname: os.hostname,
      os: { platform: os.platform, name: os.name, version: os.version, build: os.build },
    },
    probes,
  }
}

/** A collected snapshot rebuilt with snapshotOf, which checks every probe's facts against its schema once more. */
export function rechecked(snapshot: FactsSnapshot): FactsSnapshot {
  const facts: Record<string, unknown> = {}
  const failures: Record<string, ProbeOutcome> = {}
  for (const [id, outcome] of Object.entries(snapshot.probes)) {
    if (outcome.status === 'ok') facts[id] = outcome.facts
    else failures[id] = outcome
  }
  return snapshotOf(facts, failures)
}

/** A healthy machine: every mission rule passes. */
export function healthyFacts(): Record<string, unknown> {
  return {
    os: osFacts(),
    accounts: accountsFacts([account()]),
    backup: backupFacts(),
    updates: updatesFacts(),
    downloads: downloadsFacts(),
    antivirus: antivirusFacts(),
    firewall: firewallFacts(),
    encryption: encryptionFacts(),
    screenlock: screenLockFacts(),
    software: softwareFacts(),
    sharing: sharingFacts(),
    autorun: autorunFacts(),
  }
}

/** A PC with five checks to fix: an account without a password (critical), no backup, no firewall, missing security updates, no antivirus. */
export function fiveFailuresFacts(): Record<string, unknown> {
  return {
    ...healthyFacts(),
    accounts: accountsFacts([account(), account({ name: 'bob', hasPassword: false, emptyPassword: true })]),
    backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }),
    firewall: firewallFacts({ profiles: [{ name: 'ufw', enabled: false }] }),
    updates: updatesFacts({ pendingUpdates: 12, pendingSecurityUpdates: 5, securityPackages: ['openssl'] }),
    antivirus: antivirusFacts([]),
  }
}
