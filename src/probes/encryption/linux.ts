/**
 * Linux encryption of the system disk: the devices under `/`, from lsblk (no root needed). The disk
 * is encrypted when every chain from a physical disk to `/` passes through a dm-crypt device (type
 * `crypt`, LUKS in practice; `fstype` may be missing where udev's database is not available).
 */
import { describeFailure, type RunResult } from '../../core/runner.js'
import { readSystemText } from '../accounts/system-text-linux.js'
import { ProbeFailure, type ProbeContext } from '../probe.js'
import { chainsTo, parseLsblk, type BlockDevice } from './lsblk-linux.js'
import type { EncryptionFacts } from './schema.js'

const LSBLK_TIMEOUT_MS = 5_000
const COLUMNS = 'NAME,TYPE,FSTYPE,MOUNTPOINTS'
/** util-linux before 2.37 has no MOUNTPOINTS column and rejects it ("unknown column"). */
const OLD_COLUMNS = 'NAME,TYPE,FSTYPE,MOUNTPOINT'

export async function collectLinuxEncryption(ctx: ProbeContext): Promise<EncryptionFacts> {
  const [devices, mountinfo] = await Promise.all([listBlockDevices(ctx), readSystemText(ctx, '/proc/self/mountinfo')])
  const chains = chainsTo(devices, '/')
  if (!chains.length) {
    return {
      systemVolume: { mount: '/', method: null, encrypted: null, state: 'unknown', needsAdmin: false },
      problems: [`cannot see the system disk: ${describeRoot(mountinfo)}`],
    }
  }
  const encrypted = chains.every((chain) => chain.some((device) => device.type === 'crypt'))
  return {
    systemVolume: {
      mount: '/',
      method: encrypted ? 'luks' : 'none',
      encrypted,
      state: encrypted ? 'on' : 'off',
      needsAdmin: false,
    },
    problems: [],
  }
}

async function listBlockDevices(ctx: ProbeContext): Promise<BlockDevice[]> {
  const lsblk = (columns: string): Promise<RunResult> => ctx.run('lsblk', ['-J', '-o', columns], { timeoutMs: LSBLK_TIMEOUT_MS })
  let result = await lsblk(COLUMNS)
  if (result.exitCode !== 0 && /unknown column/.test(result.stderr)) result = await lsblk(OLD_COLUMNS)
  if (result.exitCode !== 0) throw new ProbeFailure(describeFailure('lsblk', result))
  const devices = parseLsblk(result.stdout)
  if (!devices) throw new ProbeFailure('lsblk: output is not the expected JSON')
  return devices
}

/** `27 1 254:0 / / rw,relatime - ext4 /dev/vda rw` (proc(5) mountinfo): the file system type and source of `/`. */
function describeRoot(mountinfo: string | null): string {
  const root = (mountinfo ?? '')
    .split('\n')
    .map((line) => line.split(' '))
    .filter((fields) => fields[4] === '/')
    .at(-1)
  const separator = root?.indexOf('-') ?? -1
  if (!root || separator < 0) return 'no block device is mounted at /'
  const [fstype, source] = root.slice(separator + 1)
  const container = fstype === 'overlay' ? ', as in a container' : ''
  const article = /^[aeiou]/i.test(fstype ?? '') ? 'an' : 'a'
  return `/ is ${article} ${fstype} file system from ${source}${container}, not a disk lsblk lists`
}
