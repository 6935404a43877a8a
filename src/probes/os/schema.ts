import { z } from 'zod'
import { PLATFORMS } from '../../core/platform.js'

export const OsFactsSchema = z.object({
  platform: z.enum(PLATFORMS),
  /** os-release ID (debian, ubuntu, fedora), or windows / macos. */
  id: z.string(),
  /** IDs this OS derives from (ID_LIKE), for tables that know the parent. */
  idLike: z.array(z.string()),
  /** Human name, e.g. "Debian GNU/Linux 12 (bookworm)". */
  name: z.string(),
  /** VERSION_ID on Linux ("12", "24.04"), the display version on Windows ("22H2"), "15.1" on macOS. */
  version: z.string().nullable(),
  /** Windows build number ("19045"), macOS build ("24B83"); null on Linux. */
  build: z.string().nullable(),
  codename: z.string().nullable(),
  /** Windows EditionID (Professional, Enterprise, EnterpriseS ...); null elsewhere. */
  edition: z.string().nullable(),
  kernel: z.string(),
  arch: z.string(),
  hostname: z.string(),
  /** The vendor's own end-of-support date when the OS states it (Fedora's SUPPORT_END), YYYY-MM-DD. */
  supportEndsOn: z.string().nullable(),
  /** One-way hash of the machine's own identifier (machine-id, MachineGuid, IOPlatformUUID); never the raw value. */
  machineIdHash: z.string().nullable(),
})
export type OsFacts = z.infer<typeof OsFactsSchema>
