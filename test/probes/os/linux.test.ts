import { describe, expect, it } from 'vitest'
import { collectLinuxOs } from '../../../src/probes/os/linux.js'
import { hashMachineId } from '../../../src/probes/os/machine-id.js'
import { parseOsRelease } from '../../../src/probes/os/os-release.js'
import { OsFactsSchema } from '../../../src/probes/os/schema.js'
import { testContext } from '../../helpers/probe-context.js'
import { tempTree } from '../../helpers/temp-tree.js'

const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`
const FEDORA_42 = `NAME="Fedora Linux"
VERSION="42 (Workstation Edition)"
ID=fedora
VERSION_ID=42
PRETTY_NAME="Fedora Linux 42 (Workstation Edition)"
SUPPORT_END=2026-05-13
`

describe('os probe on Linux', () => {
  it('reads os-release and hashes the machine id', async () => {
    const root = await tempTree({ 'etc/os-release': DEBIAN_12, 'etc/machine-id': 'b08dfa6083e7567a1921a715000001fb\n' })
    const facts = OsFactsSchema.parse(await collectLinuxOs(testContext({ host: { systemRoot: root } })))
    expect(facts).toMatchObject({
      platform: 'linux',
      id: 'debian',
      name: 'Debian GNU/Linux 12 (bookworm)',
      version: '12',
      codename: 'bookworm',
      supportEndsOn: null,
      hostname: 'pc-test',
    })
    expect(facts.machineIdHash).toBe(hashMachineId('b08dfa6083e7567a1921a715000001fb'))
    expect(facts.machineIdHash).not.toContain('b08dfa60')
  })

  it("keeps Fedora's SUPPORT_END and ID_LIKE, falling back to /usr/lib/os-release", async () => {
    const root = await tempTree({ 'usr/lib/os-release': `${FEDORA_42}ID_LIKE="rhel centos"\n` })
    const facts = await collectLinuxOs(testContext({ host: { systemRoot: root } }))
    expect(facts).toMatchObject({ id: 'fedora', version: '42', supportEndsOn: '2026-05-13', idLike: ['rhel', 'centos'], machineIdHash: null })
  })

  it('still names the machine when os-release is missing', async () => {
    const facts = await collectLinuxOs(testContext({ host: { systemRoot: await tempTree() } }))
    expect(facts).toMatchObject({ id: 'linux', name: 'Linux', version: null })
  })
})

describe('parseOsRelease', () => {
  it('unquotes values and skips comments and junk', () => {
    expect(parseOsRelease('# c\nA="x \\"y\\""\nB=\'z\'\nC=plain\nnot a line\n')).toEqual({ A: 'x "y"', B: 'z', C: 'plain' })
  })
})

describe('hashMachineId', () => {
  it('is stable, 128 bits of hex, and case-insensitive', () => {
    expect(hashMachineId('ABC')).toMatch(/^[0-9a-f]{32}$/)
    expect(hashMachineId('ABC')).toBe(hashMachineId('abc\n'))
    expect(hashMachineId('abc')).not.toBe(hashMachineId('abd'))
  })
})
