/** The dashboard as a person uses it, in headless Chromium: log in, read the table, open a unit, download the CSV. */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN, seedWard, UNITS } from '../helpers/dashboard.js'
import { skipUnlessStrict } from '../helpers/strict.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = !existsSync(CHROMIUM)
if (missing) console.warn(`Dashboard browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`)

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

describe.skipIf(skipUnlessStrict(missing))('dashboard in headless Chromium', () => {
  let browser: Browser | undefined
  afterAll(() => browser?.close())

  it('logs in through the form, opens a unit and downloads the CSV', { timeout: 60_000 }, async () => {
    const ward = await seedWard('sqlite')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const page = await browser.newPage({ acceptDownloads: true })
    const blocked: string[] = []
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) blocked.push(message.text())
    })

    await page.goto(`${ward.collector.url}/`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.fill('#name', ADMIN.name)
    await page.fill('#password', ADMIN.password)
    await Promise.all([page.waitForURL(`${ward.collector.url}/`), page.click('button[type=submit]')])

    await expect.poll(() => page.textContent('h1')).toBe('Bảng điểm các đơn vị')
    const names = await page.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(names).toEqual(expect.arrayContaining([UNITS.school.name, UNITS.village.name, UNITS.hostile.name]))
    // The inline stylesheet is allowed by its hash: the header has its colour, and nothing was blocked.
    // A string runs in the page, where the DOM is (the tests compile without the DOM library).
    const background = await page.evaluate('getComputedStyle(document.querySelector("header")).backgroundColor')
    expect(background).toBe('rgb(18, 53, 91)')

    await Promise.all([page.waitForURL(/\/units\/THCS-01$/), page.click(`text=${UNITS.school.name}`)])
    expect(await page.textContent('h1')).toBe(`${UNITS.school.name} (THCS-01)`)
    expect(await page.locator('table').first().textContent()).toContain('PC-KETOAN')

    await page.click('text=Quay lại bảng điểm các đơn vị')
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Tải bảng về máy (CSV)')])
    expect(download.suggestedFilename()).toBe('hygiene-units-2026-11-29.csv')
    const bytes = await readFile((await download.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = bytes.subarray(3).toString('utf8')
    expect(csv.split('\r\n')[0]).toBe('code,name,score,devices,reporting7d,stale,criticalFailures,topFailedRules')
    expect(csv).toContain(`THCS-01,${UNITS.school.name},`)
    expect(blocked).toEqual([])
  })
})
