/**
 * The HTML report as an office opens and prints it, in headless Chromium: no console error, no
 * network request, the score and the failing titles visible, at most two A4 pages for a typical
 * report. The screenshot and the PDF are kept in test-artifacts/ for a person to look at.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { renderHtml } from '../../src/report/render-html.js'
import {
  account,
  accountsFacts,
  antivirusFacts,
  antivirusProduct,
  backupFacts,
  encryptionFacts,
  firewallFacts,
  healthyFacts,
  softwareFacts,
  updatesFacts,
} from '../helpers/facts.js'
import { reportInLang } from '../helpers/reports.js'
import { skipUnlessStrict } from '../helpers/strict.js'
import { tempTree } from '../helpers/temp-tree.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = !existsSync(CHROMIUM)
if (missing) console.warn(`HTML report browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`)

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const ARTIFACTS = path.resolve('test-artifacts')

/** A typical office PC: seven checks to act on, each with its remediation. */
const typicalFacts = () => ({
  ...healthyFacts(),
  accounts: { ...accountsFacts([account({ name: 'ketoan', passwordAgeDays: 400 })]), currentUserIsAdmin: true },
  backup: backupFacts({ sources: [], newestBackupAt: null, newestBackupAgeDays: null, configuredPaths: 0 }),
  updates: updatesFacts({ pendingUpdates: 129, pendingSecurityUpdates: 78, securityPackages: ['openssl', 'libc6', 'firefox-esr'] }),
  antivirus: antivirusFacts([antivirusProduct({ realTimeProtection: false, signaturesAgeDays: 12, signaturesUpdatedAt: '2026-11-17T00:00:00.000Z', upToDate: false })]),
  firewall: firewallFacts({ profiles: [{ name: 'ufw', enabled: false }] }),
  encryption: encryptionFacts({ method: 'none', encrypted: false, state: 'off' }),
  software: softwareFacts({
    remoteAccessTools: [{ tool: 'ultraviewer', installed: true, running: true, evidence: 'UltraViewer' }],
  }),
})

/** Pages of a PDF as Chromium writes them: one `/Type /Page` object each. */
const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length

describe.skipIf(skipUnlessStrict(missing))('the HTML report in headless Chromium', () => {
  let browser: Browser | undefined
  afterAll(() => browser?.close())

  it.each(['vi', 'en'] as const)('renders cleanly, shows the score and failing titles, and prints on at most two A4 pages (%s)', { timeout: 60_000 }, async (lang) => {
    const report = await reportInLang(typicalFacts(), lang, { user: 'ketoan', unit: { code: 'UBND-P1', name: 'UBND phường Tân Định' } })
    const failing = report.results.filter((result) => result.status === 'fail' || result.status === 'warn')
    expect(failing.length).toBeGreaterThanOrEqual(6)
    const dir = await tempTree({})
    const file = path.join(dir, 'report.html')
    await writeFile(file, renderHtml(report, lang))

    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
    const problems: string[] = []
    const requests: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })

    expect(problems).toEqual([])
    expect(requests).toEqual([pathToFileURL(file).href])
    await expect.poll(() => page.locator('.gauge text').first().textContent()).toBe(String(report.score.value))
    expect(await page.locator('.gauge').isVisible()).toBe(true)
    for (const result of failing) expect(await page.getByText(result.title, { exact: true }).isVisible(), result.title).toBe(true)
    // Passed checks are folded away until asked for.
    const passed = report.results.find((result) => result.status === 'pass')!
    expect(await page.getByText(passed.title, { exact: true }).isVisible()).toBe(false)

    await mkdir(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: path.join(ARTIFACTS, `html-report-${lang}.png`), fullPage: true })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await writeFile(path.join(ARTIFACTS, `html-report-${lang}.pdf`), pdf)
    const pages = pageCount(pdf)
    expect(pages).toBeGreaterThanOrEqual(1)
    expect(pages).toBeLessThanOrEqual(2)
  })
})
