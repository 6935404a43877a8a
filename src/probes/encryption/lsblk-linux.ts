/**
 * The chain of block devices under a mount point, from `lsblk -J` (util-linux; no root needed):
 * disks at the top, their partitions, dm-crypt and LVM volumes as `children` (platform-reference §5.2).
 */
import { z } from 'zod'

export interface BlockDevice {
  name: string
  type: string
  fstype: string | null
  mountpoints: string[]
  children: BlockDevice[]
}

interface RawDevice {
  name: string
  type: string
  fstype?: string | null
  mountpoint?: string | null
  mountpoints?: Array<string | null>
  children?: RawDevice[]
}

/** MOUNTPOINTS (util-linux ≥ 2.37) lists every mount of a device, e.g. the btrfs subvolumes at / and /home. */
const RawDeviceSchema: z.ZodType<RawDevice> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.string(),
    fstype: z.string().nullable().optional(),
    mountpoint: z.string().nullable().optional(),
    mountpoints: z.array(z.string().nullable()).optional(),
    children: z.array(RawDeviceSchema).optional(),
  }),
)
const LsblkSchema = z.object({ blockdevices: z.array(RawDeviceSchema) })

/** The devices of `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS` (or MOUNTPOINT); null when the text is not that. */
export function parseLsblk(json: string): BlockDevice[] | null {
  let parsed: z.infer<typeof LsblkSchema>
  try {
    parsed = LsblkSchema.parse(JSON.parse(json))
  } catch {
    return null
  }
  return parsed.blockdevices.map(normalise)
}

function normalise(raw: RawDevice): BlockDevice {
  const mounts = raw.mountpoints ?? [raw.mountpoint ?? null]
  return {
    name: raw.name,
    type: raw.type,
    fstype: raw.fstype ?? null,
    mountpoints: mounts.filter((mount): mount is string => mount !== null),
    children: (raw.children ?? []).map(normalise),
  }
}

/**
 * Every chain from a top device down to a device mounted at `mount`. A volume spanning several
 * disks (LVM, RAID) appears under each of them, so it has one chain per disk.
 */
export function chainsTo(devices: BlockDevice[], mount: string): BlockDevice[][] {
  return devices.flatMap((device) => {
    const below = chainsTo(device.children, mount).map((chain) => [device, ...chain])
    return device.mountpoints.includes(mount) ? [[device], ...below] : below
  })
}
