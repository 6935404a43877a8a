/** `hygiene collector advisory|incidents|incident` end to end: the police's admin commands as child processes. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { incidentReference } from '../../src/channel/schema.js'
import { openDatabase } from '../../src/collector/db/connect.js'
import { createEnrollCode, enrollDevice } from '../../src/collector/store/enrollment.js'
import { recordIncident } from '../../src/collector/store/incidents.js'
import { addUnit } from '../../src/collector/store/units.js'
import { hygiene, STACK_LINE } from '../helpers/cli.js'
import { tempTree } from '../helpers/temp-tree.js'

const NOW = new Date('2026-11-29T08:00:00Z')

async function ward() {
  const home = await tempTree()
  const db = `sqlite:${home}/ward.db`
  const opened = await openDatabase(db)
  await addUnit(opened.db, 'THCS-01', 'Trường THCS', NOW)
  await addUnit(opened.db, 'UBND', 'UBND phường', NOW)
  return { home, db, opened }
}

const admin = (db: string, home: string, args: string[]) => hygiene(['collector', ...args, '--db', db, '--lang', 'vi'], { home })

describe('collector advisory commands', () => {
  it('adds an advisory for some units, prints its number alone, lists it, edits and withdraws it', async () => {
    const { home, db, opened } = await ward()
    await opened.db.destroy()
    const added = await admin(db, home, [
      'advisory', 'add',
      '--title', 'Cảnh giác ứng dụng VNeID giả',
      '--body', 'Không cài ứng dụng từ đường link lạ. <b>Công an</b> không gọi điện yêu cầu cài đặt.',
      '--units', 'thcs-01', '--severity', 'critical', '--expires', '2099-12-31', '--by', 'trungta',
    ])
    expect(added.exitCode).toBe(0)
    expect(added.stdout).toBe('1')
    expect(added.stderr).toContain('Đã tạo cảnh báo số 1 cho THCS-01')
    expect(added.stderr).toContain('2099-12-31T17:00:00.000Z')

    const listed = JSON.parse((await admin(db, home, ['advisory', 'list', '--format', 'json'])).stdout)
    expect(listed).toEqual([
      expect.objectContaining({ id: 1, severity: 'critical', units: ['THCS-01'], createdBy: 'trungta', withdrawnAt: null }),
    ])
    // Markup is kept as typed: the agents show it as text.
    expect(listed[0].body.vi).toContain('<b>Công an</b>')

    expect((await admin(db, home, ['advisory', 'edit', '1', '--severity', 'warning', '--units', 'UBND,THCS-01'])).exitCode).toBe(0)
    const text = (await admin(db, home, ['advisory', 'list'])).stdout
    expect(text).toBe('#1  đang hiệu lực  cảnh báo  đơn vị: THCS-01,UBND  đến: 2099-12-31  Cảnh giác ứng dụng VNeID giả')

    const withdrawn = await admin(db, home, ['advisory', 'withdraw', '1'])
    expect(withdrawn.stdout).toBe('Đã thu hồi cảnh báo số 1: các máy sẽ thôi hiển thị từ lần kiểm tra sau.')
    expect((await admin(db, home, ['advisory', 'list'])).stdout).toContain('#1  đã thu hồi')
  })

  it('names the bad value: a day that does not exist, an unknown unit or advisory, an empty title', async () => {
    const { home, db, opened } = await ward()
    await opened.db.destroy()
    const base = ['advisory', 'add', '--title', 'T', '--body', 'B']
    const badDay = await admin(db, home, [...base, '--expires', '2026-02-31'])
    expect(badDay.exitCode).toBe(2)
    expect(badDay.stderr).toBe('hygiene: --expires cần một ngày dạng YYYY-MM-DD, không phải "2026-02-31"')
    const unknownUnit = await admin(db, home, [...base, '--units', 'NOPE'])
    expect(unknownUnit.exitCode).toBe(2)
    expect(unknownUnit.stderr).toContain('NOPE')
    const emptyTitle = await admin(db, home, ['advisory', 'add', '--title', '   ', '--body', 'B'])
    expect(emptyTitle.exitCode).toBe(2)
    expect(emptyTitle.stderr).toContain('titleVi')
    const unknown = await admin(db, home, ['advisory', 'withdraw', '7'])
    expect(unknown.exitCode).toBe(2)
    expect(unknown.stderr).toBe('hygiene: không có cảnh báo số 7 (xem `hygiene collector advisory list`)')
    for (const run of [badDay, unknownUnit, emptyTitle, unknown]) expect(run.stderr).not.toMatch(STACK_LINE)
  })
})

describe('collector incident commands', () => {
  it('lists the incidents as text and CSV and moves one through the queue', async () => {
    const { home, db, opened } = await ward()
    const { code } = await createEnrollCode(opened.db, { unit: 'UBND', uses: 1, expiresAt: null }, NOW)
    const device = await enrollDevice(opened.db, code, { deviceKey: 'k', hostname: 'PC-MOTCUA', platform: 'windows', osName: 'Windows 11' }, NOW)
    const incidentId = randomUUID()
    await recordIncident(
      opened.db,
      { id: device.deviceId, unitCode: 'UBND', hostname: 'PC-MOTCUA' },
      {
        incidentId,
        kind: 'scam-call',
        occurredAt: null,
        description: '=HYPERLINK("http://x") gọi tự xưng cán bộ thuế',
        moneyGiven: true,
        phone: null,
        reportedAt: NOW.toISOString(),
        lang: 'vi',
        agent: { version: '0.1.0' },
      },
      NOW,
    )
    await opened.db.destroy()
    const reference = incidentReference(incidentId)

    const text = await admin(db, home, ['incidents'])
    expect(text.stdout).toMatch(new RegExp(`^${reference}  mới  UBND  PC-MOTCUA  cuộc gọi hoặc tin nhắn lừa đảo  nhận lúc [0-9-]+ [0-9:]+ \\(đã chuyển tiền hoặc lộ mã OTP\\)$`))
    const csv = (await admin(db, home, ['incidents', '--format', 'csv'])).stdout
    expect(csv.startsWith('\uFEFFreference,status,unit')).toBe(true)
    // A formula in a description stays text in a spreadsheet.
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") gọi tự xưng cán bộ thuế"`)

    const moved = await admin(db, home, ['incident', 'status', reference.toLowerCase(), 'in_progress', '--note', 'Đã gọi lại'])
    expect(moved.stdout).toBe(`Sự cố ${reference} chuyển sang: đang xử lý.`)
    expect((await admin(db, home, ['incidents', '--status', 'new'])).stdout).toBe('Chưa có sự cố nào.')
    const bad = await admin(db, home, ['incident', 'status', reference, 'done'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr.split('\n')[0]).toBe("hygiene: không dùng được 'done' cho status; hãy chọn một trong new, in_progress, closed")
  })
})
