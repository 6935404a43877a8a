/** `hygiene schedule` end to end, with stand-ins for systemctl and crontab: nothing is scheduled on this machine. */
import { readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import { BIN, hygiene } from '../helpers/cli.js'
import { healthyFacts, snapshotOf } from '../helpers/facts.js'
import { tempTree } from '../helpers/temp-tree.js'

let home: string

/** Fakes that record their arguments in the temp home; FAKE_MANAGER says what `is-system-running` answers. */
const SYSTEMCTL = `#!/bin/sh
echo "$*" >> "$HOME/systemctl.calls"
case "$*" in
  "--user is-system-running") echo "\${FAKE_MANAGER:-running}"; [ "\${FAKE_MANAGER:-running}" = running ] ;;
  "--user show "*) printf 'ActiveState=active\\nNextElapseUSecRealtime=Mon 2026-11-30 07:30:00 +07\\n' ;;
esac
`
const CRONTAB = `#!/bin/sh
echo "$*" >> "$HOME/crontab.calls"
case "$1" in
  -l) [ -f "$HOME/crontab.txt" ] || { echo "no crontab for $USER" >&2; exit 1; }; cat "$HOME/crontab.txt" ;;
  -) cat > "$HOME/crontab.txt" ;;
esac
`

beforeEach(async () => {
  home = await tempTree({ 'bin/systemctl': { content: SYSTEMCTL, mode: 0o755 }, 'bin/crontab': { content: CRONTAB, mode: 0o755 } })
})

// The child's output is read without its final newline.
const schedule = (args: string[], env: Record<string, string> = {}) =>
  hygiene(['schedule', ...args], { home, env: { PATH: `${home}/bin:/usr/bin:/bin`, ...env } })
const lines = async (file: string) => (await readFile(`${home}/${file}`, 'utf8')).trimEnd().split('\n')

describe('hygiene schedule with a systemd user manager', () => {
  it('installs the timer, shows it in Vietnamese, and removes it', async () => {
    const install = await schedule(['install', '--every', 'week', '--at', '07:30', '--upload', '--lang', 'en'])
    expect(install.stderr).toBe('')
    expect(install.exitCode).toBe(0)
    const units = `${home}/.config/systemd/user`
    expect(install.stdout.split('\n').slice(0, 2)).toEqual([
      'The check is scheduled every Monday at 07:30, with a systemd user timer; each report is sent to the collector.',
      'It runs while you are logged on; if the PC was off at that time, it runs soon after you next log on.',
    ])
    expect(install.stdout).toContain(`Defined in: ${units}/hygiene-check.timer`)
    expect(install.stdout).toContain('This PC is not enrolled yet')
    expect(await readFile(`${units}/hygiene-check.timer`, 'utf8')).toContain('OnCalendar=Mon *-*-* 07:30:00\nPersistent=true\n')
    const log = `${home}/.local/share/hygiene/schedule/check.log`
    expect(await readFile(`${units}/hygiene-check.service`, 'utf8')).toContain(
      `\nExecStart=${process.execPath} ${BIN} check --quiet --upload --lang en --log-file ${log}\n`,
    )
    expect(await lines('systemctl.calls')).toEqual(['--user is-system-running', '--user daemon-reload', '--user enable --now hygiene-check.timer'])

    const status = await schedule(['status', '--lang', 'vi'])
    expect(status.exitCode).toBe(0)
    expect(status.stdout.split('\n').slice(0, 3)).toEqual([
      'Đã có lịch kiểm tra thứ Hai hằng tuần lúc 07:30, bằng bộ hẹn giờ systemd của người dùng; mỗi báo cáo được gửi về máy chủ tổng hợp.',
      'Lần chạy tới: 2026-11-30 07:30',
      `Lệnh: ${process.execPath} ${BIN} check --quiet --upload --lang en --log-file ${log}`,
    ])

    const again = await schedule(['install', '--lang', 'en'])
    expect(again.stdout).toContain('The earlier schedule was replaced.')
    expect((await lines('systemctl.calls')).slice(-2)).toEqual(['--user enable --now hygiene-check.timer', '--user restart hygiene-check.timer'])

    const remove = await schedule(['remove', '--lang', 'en'])
    expect(remove.exitCode).toBe(0)
    expect(remove.stdout).toBe(`Removed the scheduled check (a systemd user timer: ${units}/hygiene-check.timer).`)
    expect(existsSync(`${units}/hygiene-check.timer`) || existsSync(`${units}/hygiene-check.service`)).toBe(false)
    expect((await schedule(['status', '--lang', 'en'])).stdout).toBe('No check is scheduled on this PC. To schedule one: hygiene schedule install --upload')
  })

  it.each([
    [['--at', '25:00'], 'hygiene: --at must be a time of day from 00:00 to 23:59 (HH:MM), not "25:00"'],
    [['--every', 'month'], 'hygiene: --every must be day or week, not "month"'],
  ])('%j is a usage error (exit 2) that names the value, and runs nothing', async (args, message) => {
    const run = await schedule(['install', ...args, '--lang', 'en'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe(message)
    expect(existsSync(`${home}/systemctl.calls`)).toBe(false)
  })
})

describe('hygiene schedule without systemd', () => {
  it('writes a crontab line, keeps the user\'s other lines, replaces its own, and removes it', async () => {
    const others = 'MAILTO=""\n30 2 * * * /usr/local/bin/backup.sh\n'
    await writeFile(`${home}/crontab.txt`, others)
    const env = { FAKE_MANAGER: 'offline' }
    const first = await schedule(['install', '--at', '18:15', '--lang', 'en'], env)
    expect(first.exitCode).toBe(0)
    expect(first.stdout).toContain("If the PC is off at that time, that day's check is skipped (cron does not catch up).")
    await schedule(['install', '--at', '12:00', '--upload', '--lang', 'en'], env)
    const crontab = await readFile(`${home}/crontab.txt`, 'utf8')
    const log = `${home}/.local/share/hygiene/schedule/check.log`
    expect(crontab).toBe(`${others}0 12 * * * nice -n 19 ${process.execPath} ${BIN} check --quiet --upload --lang en --log-file ${log} # ward-hygiene schedule\n`)
    const remove = await schedule(['remove', '--lang', 'vi'], env)
    expect(remove.stdout).toBe('Đã xóa lịch kiểm tra (cron: crontab).')
    expect(await readFile(`${home}/crontab.txt`, 'utf8')).toBe(others)
    expect((await schedule(['remove', '--lang', 'en'], env)).stdout).toBe('No check was scheduled on this PC; nothing was removed.')
  })
})

describe('a scheduled run', () => {
  it('writes what the check says to the log file, with the time and the exit code', async () => {
    await writeFile(`${home}/facts.json`, JSON.stringify(snapshotOf(healthyFacts())))
    const log = `${home}/.local/share/hygiene/schedule/check.log`
    const run = await hygiene(['check', '--quiet', '--facts', 'facts.json', '--lang', 'en', '--log-file', log], { home })
    expect(run.exitCode).toBe(0)
    expect(run.stdout + run.stderr).toBe('')
    expect(await readFile(log, 'utf8')).toMatch(/^--- \d{4}-\d\d-\d\dT[\d:.]+Z\nScore: \d+\/100, grade [A-F].*\n--- exit code 0\n$/)
  })
})
