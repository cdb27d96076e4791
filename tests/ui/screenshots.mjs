// `make screenshots`: pictures of the main pages for the README
// (docs/screenshots/*.png), at 1366×768, plus the children's list on a phone.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { close, DESKTOP, launch, login, newPage, PHONE, WORK } from './lib.mjs'
import { importWithErrors } from './fixtures.mjs'

const out = process.argv[2] || 'docs/screenshots'
mkdirSync(out, { recursive: true })
const shot = (page, name, full = false) => page.screenshot({ path: join(out, name + '.png'), fullPage: full })
const settle = (page) => page.waitForLoadState('networkidle').then(() => page.waitForTimeout(400))

await launch()
try {
  let page = await newPage(DESKTOP)
  await page.goto('/login')
  await settle(page)
  await shot(page, 'login')

  await login(page, 'demo.town')
  await settle(page)
  await shot(page, 'home')

  await page.goto('/children')
  await settle(page)
  await shot(page, 'children')

  await page.locator('[data-test=child-link]').first().click()
  await page.locator('[data-test=child-name]').waitFor()
  await settle(page)
  await shot(page, 'child')

  await page.goto('/children')
  await settle(page)
  await page.locator('[data-test=import]').click()
  const f = importWithErrors(WORK)
  await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(f.path)
  await page.locator('[data-test=import-check]').click()
  await page.locator('[data-test=import-report]').waitFor()
  await settle(page)
  await shot(page, 'import')
  await page.context().close()

  page = await newPage(DESKTOP)
  await login(page, 'demo.auditor')
  await page.goto('/logs/audit')
  await settle(page)
  await shot(page, 'audit')
  await page.context().close()

  page = await newPage(PHONE)
  await login(page, 'demo.village')
  await page.goto('/children')
  await settle(page)
  await shot(page, 'children-phone')
  await page.context().close()

  // the other modules, on the demo's data (cli/..._demo.c)
  const pageAs = async (who, path, device = DESKTOP) => {
    const p = await newPage(device)
    await login(p, who)
    await p.goto(path)
    await settle(p)
    return p
  }
  page = await pageAs('demo.city', '/allowances/payrolls')
  await page.locator('[data-test=open-payroll]').nth(1).click()   // last month's, paid and locked
  await page.waitForURL(/\/allowances\/payrolls\/\d+/)
  await settle(page)
  await shot(page, 'payroll')
  await page.context().close()

  page = await pageAs('demo.town', '/allowances/queue')
  await shot(page, 'allowance-queue')
  await page.locator('[data-test=queue-child]').first().click()
  await page.locator('[data-test=child-name]').waitFor()
  await page.goto(page.url().split('?')[0] + '?tab=allowances')
  await page.locator('[data-test=child-name]').waitFor()
  await settle(page)
  await shot(page, 'child-eligibility')
  await page.context().close()

  page = await pageAs('demo.city', '/protection/cases')
  await page.locator('#tab-area').click()   // the city's cases, not only its own
  await page.locator('[data-test=case-link]').first().click()
  await page.locator('[data-test=case-number]').waitFor()
  await settle(page)
  await shot(page, 'case')
  await page.context().close()

  page = await pageAs('demo.hotline', '/protection/hotline')
  await shot(page, 'hotline')
  await page.context().close()

  page = await pageAs('demo.village', '/protection/visits', PHONE)
  await shot(page, 'visits-phone')
  await page.context().close()

  page = await pageAs('demo.rescue', '/rescue')
  await shot(page, 'rescue')
  await page.context().close()

  page = await pageAs('demo.city', '/supervision/dashboard')
  await page.waitForTimeout(800)   // the charts' animation
  await shot(page, 'dashboard')
  await page.goto('/supervision/overdue')
  await settle(page)
  await shot(page, 'overdue')
  await page.context().close()

  // last month's report of the demo town, submitted with its villages'
  page = await pageAs('demo.town', '/reports/monthly')
  const id = await page.evaluate(async () => {
    const d = new Date()
    const m = new Date(d.getFullYear(), d.getMonth() - 1, 1)
    const month = `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`
    const list = await (await fetch(`/api/v1/monthly-reports?month=${month}`)).json()
    return list.items.find((r) => r.level === 2).id
  })
  await page.goto(`/reports/monthly/${id}`)
  await settle(page)
  await shot(page, 'monthly')
  await page.context().close()
  console.log(`screenshots written to ${out}/`)
} finally {
  await close()
}
