// The browser half of bench/ui-children.sh: logs in as bench.town and times
// the children page in chromium at 1366×768: loading it until its first rows
// show, and sorting it by name until the sorted rows show.
import { apiFromPage, close, launch, login, newPage } from '../tests/ui/lib.mjs'

const RUNS = 7
const budget = Number(process.env.BUDGET || 1000)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const report = (label, times, extra) => {
  const m = median(times)
  console.log(`children page, ${label}: ${m} ms (median of ${RUNS}; ${Math.min(...times)}-${Math.max(...times)} ms)${extra}; budget ${budget} ms${m > budget ? ': OVER BUDGET' : ''}`)
  return m <= budget
}

await launch()
let good = true
try {
  const page = await newPage()
  await login(page, 'bench.town', 'Test-Pass-1')
  const first = (await apiFromPage(page, 'GET', '/children?limit=10&sort=name')).body
  const load = [], sort = []
  for (let i = 0; i < RUNS; i++) {
    await page.goto('/logs/elsewhere')   // another page of the app: /children then loads afresh
    const t0 = Date.now()
    await page.goto('/children')
    await page.locator('[data-test=child-link]').first().waitFor()
    load.push(Date.now() - t0)
    const t1 = Date.now()
    await page.locator('th .cell', { hasText: '姓名' }).click({ position: { x: 4, y: 4 } })
    await page.waitForFunction((name) => document.querySelector('[data-test=child-link]')?.textContent === name, first.items[0].name)
    sort.push(Date.now() - t1)
  }
  const api = await page.evaluate(async () => {
    const t = async (url) => { const t0 = performance.now(); await (await fetch(url)).json(); return (performance.now() - t0).toFixed(1) }
    return [await t('/api/v1/children?limit=10&offset=0'), await t('/api/v1/children?limit=10&offset=0&sort=name')]
  })
  good = report(`first rows of ${first.total} children`, load, ` (the API's page: ${api[0]} ms)`) && good
  good = report('sorted by name', sort, ` (the API's page: ${api[1]} ms)`) && good
  await page.context().close()
} finally {
  await close()
}
process.exit(good ? 0 : 1)
