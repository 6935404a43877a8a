// The os probe on a Mac: SystemVersion.plist read as a file, the IOPlatformUUID only as a hash.
import { describe, expect, it } from 'vitest'
import { hashMachineId } from '../../../src/probes/os/machine-id.js'
import { osProbe } from '../../../src/probes/os/index.js'
import { commandStub, type StubAnswer } from '../../helpers/command-stub.js'
import { macContext, macFixture, SYSTEM_VERSION } from '../macos/macos-test-kit.js'

const IOREG = 'ioreg -rd1 -c IOPlatformExpertDevice'
const UUID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301'

async function collect(system: Record<string, string>, ioreg: StubAnswer) {
  const stub = commandStub().on(IOREG, ioreg)
  const facts = osProbe.schema.parse(await osProbe.collect.macos!(await macContext({ system, run: stub.run })))
  stub.assertAllUsed()
  return facts
}

describe('os probe on macOS', () => {
  it('names the release and build, and keeps only a hash of the platform UUID', async () => {
    const facts = await collect(
      { [SYSTEM_VERSION]: await macFixture('SystemVersion-15.1.plist') },
      { stdout: await macFixture('ioreg-platform-expert.txt') },
    )
    expect(facts).toEqual({
      platform: 'macos',
      id: 'macos',
      idLike: [],
      name: 'macOS 15.1 (24B83)',
      version: '15.1',
      build: '24B83',
      codename: null,
      edition: null,
      kernel: '24.1.0',
      arch: 'arm64',
      hostname: 'pc-test',
      supportEndsOn: null,
      machineIdHash: hashMachineId(UUID),
    })
    expect(JSON.stringify(facts)).not.toMatch(/3F2504E0|C02XK0TESTQ6/i)
  })

  it('shows the "(a)" of a security response in the name only', async () => {
    const plist = (await macFixture('SystemVersion-15.1.plist'))
      .replace('24B83', '22E772610a')
      .replace('<string>15.1</string>', '<string>13.3.1</string>')
      .replace('<string>15.1</string>', '<string>13.3.1</string>')
      .replace('</dict>', '\t<key>ProductVersionExtra</key>\n\t<string>(a)</string>\n</dict>')
    const facts = await collect({ [SYSTEM_VERSION]: plist }, { stdout: await macFixture('ioreg-platform-expert.txt') })
    expect(facts).toMatchObject({ name: 'macOS 13.3.1 (a) (22E772610a)', version: '13.3.1', build: '22E772610a' })
  })

  it('leaves the machine id out when ioreg fails, and still names the release', async () => {
    const facts = await collect({ [SYSTEM_VERSION]: await macFixture('SystemVersion-15.1.plist') }, { notFound: true })
    expect(facts).toMatchObject({ machineIdHash: null, version: '15.1' })
  })

  it('fails with the reason when SystemVersion.plist cannot be read', async () => {
    const stub = commandStub().on(IOREG, { stdout: await macFixture('ioreg-platform-expert.txt') })
    const ctx = await macContext({ run: stub.run })
    await expect(osProbe.collect.macos!(ctx)).rejects.toThrow(
      /macOS release cannot be read .*SystemVersion\.plist: ENOENT/,
    )
  })
})
