// Linux disk encryption: the device chain under / from recorded lsblk JSON, and the reason when / is no disk (a container).
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { collectLinuxEncryption } from '../../../src/probes/encryption/linux.js'
import { chainsTo, parseLsblk } from '../../../src/probes/encryption/lsblk-linux.js'
import { EncryptionFactsSchema } from '../../../src/probes/encryption/schema.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const fixture = (name: string) => readFile(new URL(`../../fixtures/linux/encryption/${name}`, import.meta.url), 'utf8')

const LSBLK = 'lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS'
const LSBLK_OLD = 'lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT'

async function encryption(answers: Array<[string, StubAnswer]>, mountinfo?: string) {
  const root = await tempTree(mountinfo === undefined ? {} : { 'proc/self/mountinfo': mountinfo })
  const stub = commandStub()
  for (const [line, answer] of answers) stub.on(line, answer)
  const facts = EncryptionFactsSchema.parse(await collectLinuxEncryption(testContext({ host: { systemRoot: root }, run: stub.run })))
  stub.assertAllUsed()
  return facts
}

const PLAIN = { mount: '/', method: 'none', encrypted: false, state: 'off', needsAdmin: false }
const LUKS = { mount: '/', method: 'luks', encrypted: true, state: 'on', needsAdmin: false }

describe('Linux disk encryption', () => {
  it('reads this VM: / is the whole disk vda, no dm-crypt → not encrypted', async () => {
    const facts = await encryption([[LSBLK, { stdout: await fixture('lsblk-this-machine.json') }]], await fixture('mountinfo-this-machine.txt'))
    expect(facts).toEqual({ systemVolume: PLAIN, problems: [] })
  })

  it("reads Debian's guided encrypted LVM: / is an LVM volume inside a LUKS partition → encrypted", async () => {
    const facts = await encryption([[LSBLK, { stdout: await fixture('lsblk-luks-lvm.json') }]])
    expect(facts).toEqual({ systemVolume: LUKS, problems: [] })
  })

  it('does not count an encrypted partition that / is not on', async () => {
    // The same disk with / moved to the plain /boot partition: the LUKS partition beside it does not protect it.
    const moved = (await fixture('lsblk-luks-lvm.json')).replace('"/"', '"/srv"').replace('"/boot"', '"/"')
    const devices = parseLsblk(moved)!
    expect(chainsTo(devices, '/').map((chain) => chain.map((device) => device.name))).toEqual([['nvme0n1', 'nvme0n1p2']])
    expect((await encryption([[LSBLK, { stdout: moved }]])).systemVolume).toEqual(PLAIN)
  })

  it('needs every disk of a volume spanning two disks to be encrypted', async () => {
    const volume = { name: 'vg-root', type: 'lvm', fstype: 'ext4', mountpoints: ['/'] }
    const lsblk = (secondType: string) =>
      JSON.stringify({
        blockdevices: [
          { name: 'sda', type: 'disk', mountpoints: [null], children: [{ name: 'sda1_crypt', type: 'crypt', mountpoints: [null], children: [volume] }] },
          { name: 'sdb', type: 'disk', mountpoints: [null], children: [{ name: 'sdb1', type: secondType, mountpoints: [null], children: [volume] }] },
        ],
      })
    expect((await encryption([[LSBLK, { stdout: lsblk('part') }]])).systemVolume).toEqual(PLAIN)
    expect((await encryption([[LSBLK, { stdout: lsblk('crypt') }]])).systemVolume).toEqual(LUKS)
  })

  it('falls back to MOUNTPOINT when lsblk is older than util-linux 2.37 and rejects MOUNTPOINTS', async () => {
    const stderr = (await fixture('lsblk-unknown-column.stderr.txt')).replace('NOSUCH', 'MOUNTPOINTS')
    const facts = await encryption([
      [LSBLK, { exitCode: 1, stderr }],
      [LSBLK_OLD, { stdout: await fixture('lsblk-this-machine-mountpoint.json') }],
    ])
    expect(facts).toEqual({ systemVolume: PLAIN, problems: [] })
  })

  it('is unknown inside a container: / is an overlay, not a disk lsblk lists', async () => {
    const hostDisks = await fixture('lsblk-luks-lvm.json')
    // A container sees the host's disks, but none of them is mounted at its own /.
    const facts = await encryption([[LSBLK, { stdout: hostDisks.replace('"/"', '"/var/lib/docker"') }]], await fixture('mountinfo-overlay.txt'))
    expect(facts).toEqual({
      systemVolume: { mount: '/', method: null, encrypted: null, state: 'unknown', needsAdmin: false },
      problems: ['cannot see the system disk: / is an overlay file system from overlay, as in a container, not a disk lsblk lists'],
    })
  })

  it('says so when neither lsblk nor mountinfo show /', async () => {
    const facts = await encryption([[LSBLK, { stdout: '{"blockdevices": []}' }]])
    expect(facts.systemVolume.encrypted).toBeNull()
    expect(facts.problems).toEqual(['cannot see the system disk: no block device is mounted at /'])
  })

  it('fails the probe when lsblk is missing or prints something else', async () => {
    await expect(encryption([[LSBLK, { notFound: true }]])).rejects.toThrow('lsblk: command not found')
    await expect(encryption([[LSBLK, { stdout: 'NAME TYPE\nvda disk\n' }]])).rejects.toThrow('lsblk: output is not the expected JSON')
  })
})
