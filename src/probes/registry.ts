/** Every probe the agent has. A new probe is added here and its facts become usable by rule packs. */
import { z } from 'zod'
import { accountsProbe } from './accounts/index.js'
import { antivirusProbe } from './antivirus/index.js'
import { autorunProbe } from './autorun/index.js'
import { backupProbe } from './backup/index.js'
import { downloadsProbe } from './downloads/index.js'
import { encryptionProbe } from './encryption/index.js'
import { firewallProbe } from './firewall/index.js'
import { osProbe } from './os/index.js'
import type { Probe } from './probe.js'
import { screenlockProbe } from './screenlock/index.js'
import { sharingProbe } from './sharing/index.js'
import { softwareProbe } from './software/index.js'
import { updatesProbe } from './updates/index.js'

export const probes: readonly Probe[] = [
  osProbe,
  accountsProbe,
  backupProbe,
  updatesProbe,
  downloadsProbe,
  antivirusProbe,
  firewallProbe,
  encryptionProbe,
  screenlockProbe,
  softwareProbe,
  sharingProbe,
  autorunProbe,
]

/** The schema of all facts, keyed by probe id: rule packs are checked against it. */
export const factsSchema = z.strictObject(Object.fromEntries(probes.map((probe) => [probe.id, probe.schema])))

export function probeById(id: string): Probe | undefined {
  return probes.find((probe) => probe.id === id)
}
