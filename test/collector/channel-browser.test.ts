/** The channel's dashboard pages as the ward police use them, in headless Chromium: send an advisory, work an incident. */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { incidentReference } from '../../src/channel/schema.js'
import { recordIncident } from '../../src/collector/store/incidents.js'
import { ADMIN, seedWard, UNITS } from '../helpers/dashboard.js'
import { skipUnlessStrict } from '../helpers/strict.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = !existsSync(CHROMIUM)
if (missing) console.warn(`Channel browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`)

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

describe.skipIf(skipUnlessStrict(missing))('the channel in headless Chromium', () => {
  let browser: Browser | undefined
  afterAll(() => browser?.close())

  it('sends an advisory through the form, then moves an incident to "in progress" with a note', { timeout: 60_000 }, async () => {
    const ward = await seedWard('sqlite')
    const incidentId = randomUUID()
    await recordIncident(
      ward.collector.deps.db,
      { id: ward.villageDevice, unitCode: UNITS.village.code, hostname: 'PC-TRUONGBAN' },
      { incidentId, kind: 'phishing', occurredAt: null, description: 'Mở tệp "Giấy mời họp.exe" từ Zalo', moneyGiven: false, phone: null, reportedAt: '2026-11-29T07:00:00Z', lang: 'vi', agent: { version: '0.1.0' } },
      new Date('2026-11-29T07:00:00Z'),
    )
    const reference = incidentReference(incidentId)

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    await page.goto(`${ward.collector.url}/login`)
    await page.fill('#name', ADMIN.name)
    await page.fill('#password', ADMIN.password)
    await Promise.all([page.waitForURL(`${ward.collector.url}/`), page.click('button[type=submit]')])

    await Promise.all([page.waitForURL(/\/advisories$/), page.click('header a[href="/advisories"]')])
    await page.fill('input[name=title_vi]', 'Cảnh giác ứng dụng VNeID giả')
    await page.fill('textarea[name=body_vi]', 'Không cài ứng dụng theo hướng dẫn qua điện thoại.')
    await page.selectOption('select[name=severity]', 'critical')
    await page.fill('input[name=units]', UNITS.village.code)
    await page.fill('input[name=expires]', '2026-12-31')
    await Promise.all([page.waitForURL(/\/advisories$/), page.click('form.stack button[type=submit]')])
    const row = page.locator('tbody tr').first()
    expect(await row.textContent()).toContain('Cảnh giác ứng dụng VNeID giả')
    expect(await row.textContent()).toContain(UNITS.village.code)

    await Promise.all([page.waitForURL(/\/incidents$/), page.click('header a[href="/incidents"]')])
    await Promise.all([page.waitForURL(new RegExp(`/incidents/${reference}$`)), page.click(`text=${reference}`)])
    await page.selectOption('select[name=status]', 'in_progress')
    await page.fill('input[name=note]', 'Đã gọi điện hướng dẫn quét máy')
    await Promise.all([page.waitForURL(new RegExp(`/incidents/${reference}$`)), page.click('form.stack button[type=submit]')])
    expect(await page.locator('ul li').first().textContent()).toContain('Đã gọi điện hướng dẫn quét máy')
    expect(problems).toEqual([])
  })
})
