/** `hygiene incident` and `hygiene advisories` end to end, as a clerk runs them: not enrolled, and enrolled with a stand-in collector. */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { IncidentSchema } from '../../src/channel/schema.js'
import { advisory, channelServer, TOKEN } from '../helpers/channel-server.js'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { tempTree } from '../helpers/temp-tree.js'

const POLICE = 'police:\n  name: Công an phường Mường Lay\n  phone: "0215 3852 113"\n  address: Tổ dân phố 2, phường Mường Lay\n'

async function pc(config = ''): Promise<string> {
  const home = await tempTree()
  await mkdir(`${home}/.config/hygiene`, { recursive: true })
  await writeFile(`${home}/.config/hygiene/config.yaml`, config)
  return home
}

describe('hygiene incident on a PC that is not enrolled', () => {
  it('saves the report to hand over, and prints the reference, the police contact and what to do now', async () => {
    const home = await pc(POLICE)
    const run = await hygiene(
      ['incident', '--kind', 'scam-call', '--description', 'Người gọi xưng là công an, bắt đọc mã OTP', '--money-given', '--phone', '0912 345 678', '--when', '2026-01-15', '--lang', 'vi'],
      { home },
    )
    expect(run.exitCode, run.stderr).toBe(0)
    const reference = /Số tham chiếu: (SC-[0-9A-F]{8})/.exec(run.stdout)?.[1]
    expect(reference).toBeDefined()
    const file = /mang tới Công an phường: (\S+\.json)/.exec(run.stdout)?.[1]
    expect(file).toContain(`${home}/.local/share/hygiene/incidents/`)
    expect(file).toContain(reference)
    const incident = IncidentSchema.parse(JSON.parse(await readFile(file!, 'utf8')))
    expect(incident).toMatchObject({ kind: 'scam-call', moneyGiven: true, phone: '0912 345 678', lang: 'vi' })
    expect(run.stdout).toContain('Công an phường: Công an phường Mường Lay, điện thoại 0215 3852 113')
    expect(run.stdout).toContain('Địa chỉ: Tổ dân phố 2, phường Mường Lay')
    expect(run.stdout).toMatch(/Việc cần làm ngay:\n {2}- Gọi ngay tổng đài của ngân hàng/)
  })

  it('says to contact the police directly when the config has no contact, in English', async () => {
    const run = await hygiene(['incident', '--kind', 'malware', '--description', 'Pop-ups everywhere', '--lang', 'en'], { home: await pc() })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('Contact the ward police (Công an phường) directly.')
    expect(run.stdout).toContain('Unplug this PC\'s network cable')
  })

  it.each([
    [['--kind', 'robbery', '--description', 'x'], '--kind:'],
    [['--kind', 'phishing', '--description', 'x', '--phone', 'call me'], '--phone:'],
    [['--kind', 'phishing', '--description', 'x', '--when', 'tomorrow'], '--when needs a date'],
    [['--kind', 'phishing'], 'needs both --kind and --description'],
  ])('refuses %j with exit code 2, naming the field', async (args, message) => {
    const run = await hygiene(['incident', ...args, '--lang', 'en'], { home: await pc() })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr).not.toMatch(STACK_LINE)
    expect(run.stdout).toBe('')
  })
})

describe('hygiene advisories on a PC that is not enrolled', () => {
  it('says so plainly, and that none were received', async () => {
    const home = await pc()
    const run = await hygiene(['advisories', '--lang', 'en'], { home })
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toContain('This PC is not enrolled with the ward collector')
    expect(run.stdout).toBe('No warnings from the ward police have been received on this PC yet.')
    const json = await hygiene(['advisories', '--format', 'json'], { home })
    expect(JSON.parse(json.stdout)).toEqual({ enrolled: false, fetchedAt: null, cached: false, advisories: [] })
  })
})

describe('an enrolled PC and the channel', () => {
  async function enrolledPc() {
    const collector = await channelServer([advisory({ title: { vi: 'Giả danh <b>công an</b>', en: null } })])
    const server = `server:\n  url: ${collector.url}\n  deviceId: 0b6f1a52-3c1e-4c7a-9d51-2f0a7e6c9b11\n  unit: { code: THCS-01, name: Trường THCS }\n`
    const home = await pc(server + POLICE)
    const agent = (args: string[]) => hygiene(args, { home, env: { HYGIENE_DEVICE_TOKEN: TOKEN } })
    return { collector, agent }
  }

  it('shows the advisories at the end of the text report, and the saved ones with their date when offline', async () => {
    const { collector, agent } = await enrolledPc()
    const run = await agent(['check', '--only', 'backup.recent', '--lang', 'en'])
    expect(run.exitCode, run.stderr).toBeLessThanOrEqual(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^Score: /)
    expect(run.stdout).toContain('Warnings from the ward police (1)\n[WARNING] Giả danh <b>công an</b>\n')
    expect(run.stdout).toMatch(/^Received on .*\.$/m)

    collector.mode = 'busy'
    const offline = await agent(['advisories', '--lang', 'en'])
    expect(offline.exitCode).toBe(0)
    expect(offline.stderr).toContain('Could not reach the ward collector (HTTP 503)')
    expect(offline.stdout).toMatch(/Received on .*The ward collector could not be reached just now/)
    const summary = await agent(['check', '--only', 'backup.recent', '--format', 'summary', '--lang', 'en'])
    expect(summary.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Police warning \(received \d\d\/\d\d\/\d{4}\): Giả danh <b>công an<\/b>$/)
  })

  it('sends an incident, spools one while the collector is down, and the next upload delivers it once', async () => {
    const { collector, agent } = await enrolledPc()
    const sent = await agent(['incident', '--kind', 'phishing', '--description', 'Opened a fake tax notice', '--lang', 'en'])
    expect(sent.exitCode, sent.stderr).toBe(0)
    expect(sent.stdout).toMatch(/^Reference number: SC-[0-9A-F]{8}\nYour report was sent to the ward police/)
    expect(sent.stdout).not.toContain('Ward police:')

    collector.mode = 'busy'
    const waiting = await agent(['incident', '--kind', 'account', '--description', 'Zalo taken over', '--lang', 'en'])
    expect(waiting.exitCode).toBe(4)
    expect(waiting.stdout).toContain('will be sent by the next `hygiene upload`')
    expect(waiting.stdout).toContain('Ward police: Công an phường Mường Lay, phone 0215 3852 113')
    expect(JSON.parse((await agent(['status', '--format', 'json'])).stdout)).toMatchObject({ incidentsSpooled: 1 })

    collector.mode = 'ok'
    const upload = await agent(['upload', '--lang', 'en'])
    expect(upload.exitCode, upload.stderr).toBe(0)
    expect(upload.stderr).toMatch(/1 incident report\(s\) sent to the ward police: SC-[0-9A-F]{8}\./)
    expect((await agent(['upload', '--lang', 'en'])).stderr).toContain('Nothing waits to be sent')
    expect(collector.incidents.map((one) => one.kind)).toEqual(['phishing', 'account'])
  })
})
