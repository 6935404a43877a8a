import { defineProbe } from '../probe.js'
import { collectLinuxFirewall } from './linux.js'
import { collectMacosFirewall } from './macos.js'
import { FirewallFactsSchema } from './schema.js'
import { collectWindowsFirewall } from './windows.js'

export const firewallProbe = defineProbe({
  id: 'firewall',
  schema: FirewallFactsSchema,
  timeoutMs: 10_000,
  // On Windows the facts come from the one PowerShell run shared by every probe.
  timeoutMsOn: { windows: 70_000 },
  collect: { linux: collectLinuxFirewall, windows: collectWindowsFirewall, macos: collectMacosFirewall },
})
