// 督查督办 / Supervision in the browser (issue #7): the city's dashboard
// draws its charts and every figure opens the list behind it with the same
// count (a bar of categories, a town's bar, a cell of the grid, the overdue
// figure); a town's dashboard shows its villages only; the data-quality page
// asks the city for a town and checks a town's records; the coverage-gaps
// page says the city is not judged record by record; the charts of visit
// coverage, case timeliness and the rescue centre open the visits due and the
// overdue cases (m2). No console errors.
import { apiFromPage, check, login, newPage, problems, test } from './lib.mjs'

// the list's total once the list has settled on WANT (the page may first show
// what it had, then the filtered answer: a first row and an idle network did
// not always mean the filtered one, a race seen in CI); the shown total if it
// never does within 10 s, so that a wrong count still fails
const listTotal = async (page, want) => {
  const total = page.locator('.el-pagination__total')
  await page.locator('[data-test=children-table] .el-table__row, [data-test=children-table] .el-table__empty-text').first().waitFor()
  await page.waitForFunction(([w]) => Number((document.querySelector('.el-pagination__total')?.textContent || '').replace(/\D/g, '')) === w,
    [want], { timeout: 10000 }).catch(() => {})
  return Number((await total.textContent()).replace(/\D/g, ''))
}
// clicks the figure K of the chart named by data-test NAME, where the chart says it is
const clickFigure = async (page, name, k) => {
  const chart = page.locator(`[data-test=${name}]`)
  await chart.locator('canvas').waitFor()
  // the places of the figures are set once the chart has its data and has finished drawing
  await page.waitForFunction(([n, i]) => JSON.parse(document.querySelector(`[data-test=${n}]`)?.dataset.points || '[]').length > i, [name, k])
  const points = JSON.parse(await chart.getAttribute('data-points'))
  await chart.click({ position: { x: points[k][0], y: points[k][1] } })
}
const openDashboard = async (page) => {
  await page.locator('.el-sub-menu__title', { hasText: '督查督办' }).click()
  await page.locator('.el-menu-item', { hasText: '统计看板' }).click()
  await page.waitForURL('**/supervision/dashboard')
  await page.locator('[data-test=chart-category] canvas').waitFor()
  await page.waitForLoadState('networkidle')
}

export default async function supervision() {
  await test('supervision: the dashboard\'s day is the city\'s, whatever the browser\'s time zone', async () => {
    // 20:00 UTC on the 29th is 04:00 on the 30th in Shanghai: a browser on UTC is still on the 29th
    const page = await newPage(undefined, undefined, { timezoneId: 'UTC' })
    await page.clock.setFixedTime(new Date('2026-11-29T20:00:00Z'))
    await login(page, 'demo.city')
    await openDashboard(page)
    const day = await page.getByLabel('统计日期').inputValue()
    check('the day asked for is Shanghai\'s', day === '2026-11-30', day)
    const p = problems(page)
    check('the dashboard on a UTC browser: no console errors', p.length === 0, p.join('\n'))
    await page.context().close()
  })

  await test('supervision: the city\'s dashboard, each figure opening its list', async () => {
    const page = await newPage()
    await login(page, 'demo.city')
    await openDashboard(page)
    const s = (await apiFromPage(page, 'GET', '/stats/summary')).body
    const shown = Number((await page.locator('[data-test=sv-children]').textContent()).replace(/\D/g, ''))
    check('the dashboard shows the city\'s active children', shown === s.children && s.children > 0, `${shown} vs ${s.children}`)
    for (const c of ['chart-category', 'chart-units', 'chart-age', 'chart-trend', 'chart-paid']) {
      const box = await page.locator(`[data-test=${c}] canvas`).boundingBox()
      check(`${c} is drawn`, box && box.width > 100 && box.height > 100, JSON.stringify(box))
    }
    const label = await page.locator('[data-test=chart-category]').getAttribute('aria-label')
    check('the category chart reads out its figures', label.includes('农村留守儿童 ' + s.by_category.left_behind), label)

    // a category's bar: its active children in the city
    const codes = Object.keys(s.by_category)
    const k = codes.indexOf('left_behind')
    await clickFigure(page, 'chart-category', k)
    await page.waitForURL((u) => u.pathname === '/children' && u.searchParams.get('category') === 'left_behind')
    const inList = await listTotal(page, s.by_category.left_behind)
    check('a category\'s bar opens its list, with the same count', inList === s.by_category.left_behind, `${inList} vs ${s.by_category.left_behind}`)

    // a town's bar
    await page.goBack()
    await page.locator('[data-test=chart-units] canvas').waitFor()
    const t = s.by_town.findIndex((u) => u.children > 0)
    await clickFigure(page, 'chart-units', t)
    await page.waitForURL((u) => u.pathname === '/children' && u.searchParams.get('area') === s.by_town[t].code)
    const ofTown = await listTotal(page, s.by_town[t].children)
    check('a town\'s bar opens its children, with the same count', ofTown === s.by_town[t].children, `${ofTown} vs ${s.by_town[t].children}`)

    // a cell of the category x town grid
    await page.goBack()
    const cell = page.locator('[data-test=grid-cell][data-category]').first()
    await cell.waitFor()
    const want = Number((await cell.textContent()).replace(/\D/g, ''))
    const area = await cell.getAttribute('data-area')
    const category = await cell.getAttribute('data-category')
    await cell.click()
    await page.waitForURL((u) => u.pathname === '/children' && u.searchParams.get('area') === area && u.searchParams.get('category') === category)
    check('a cell of the grid opens its list, with the same count', await listTotal(page, want) === want, `${category} in ${area}: ${want}`)

    // the overdue figure
    await page.goBack()
    await page.locator('[data-test=sv-overdue]').click()
    await page.waitForURL('**/supervision/overdue**')
    await page.locator('[data-test=overdue-table]').waitFor()
    await page.waitForLoadState('networkidle')
    const o = (await apiFromPage(page, 'GET', '/supervision/overdue?limit=1')).body
    const rows = await page.locator('[data-test=overdue-table] .el-table__row').count()
    check('the overdue figure opens the overdue list', rows === Math.min(o.total, 200), `${rows} rows, ${o.total} items`)
    if (rows) {
      await page.locator('[data-test=overdue-open]').first().click()
      await page.waitForURL(/\/(children|protection\/cases|rescue)\/\d+(\?.*)?$/)
      check('an overdue item opens its record', true)
    }
    const p = problems(page)
    check('the city\'s supervision pages: no console errors', p.length === 0, p.join('\n'))
    await page.context().close()
  })

  await test('supervision: a town\'s dashboard, data quality and coverage gaps', async () => {
    const page = await newPage()
    await login(page, 'demo.town')
    await openDashboard(page)
    const s = (await apiFromPage(page, 'GET', '/stats/summary')).body
    check('the town\'s summary has its villages', s.level === 2 && s.by_village.length > 0)
    const label = await page.locator('[data-test=chart-units]').getAttribute('aria-label')
    const village = s.by_village.find((v) => v.children > 0)
    check('the dashboard charts the town\'s villages', label.includes(String(village.children)), label)
    await page.goto('/supervision/data-quality')
    await page.locator('[data-test=quality-table]').waitFor()
    await page.waitForLoadState('networkidle')
    const q = (await apiFromPage(page, 'GET', '/supervision/data-quality?limit=1')).body
    check('the town\'s records are checked', q.checked === s.children, `${q.checked} vs ${s.children}`)
    const rows = await page.locator('[data-test=quality-table] .el-table__row').count()
    check('its findings are listed', rows === Math.min(q.total, 200), `${rows} rows, ${q.total} findings`)
    const p = problems(page)
    check('the town\'s supervision pages: no console errors', p.length === 0, p.join('\n'))
    await page.context().close()

    const city = await newPage()
    await login(city, 'demo.city')
    await city.goto('/supervision/data-quality')
    await city.locator('[data-test=dq-need-town]').waitFor()
    check('the city is asked to choose a town for data quality', true)
    await city.goto('/supervision/coverage-gaps')
    await city.locator('[data-test=gaps-table]').waitFor()
    await city.waitForLoadState('networkidle')
    check('the city\'s coverage gaps say why no record is judged', (await city.locator('.el-alert').textContent()).includes('镇街'))
    const cp = problems(city)
    check('the city\'s coverage page: no console errors', cp.length === 0, cp.join('\n'))
    await city.context().close()
  })

  // m2: visit coverage, case timeliness and the rescue centre on the dashboard (GET /stats/protection).
  // They are the page's last row: what loads above them moves them, so a click waits until they stand still
  // and their bars are grown.
  const settled = async (page, name) => {
    const box = () => page.locator(`[data-test=${name}]`).boundingBox().then((b) => JSON.stringify(b))
    let was = await box()
    for (let i = 0; i < 50; i++) {
      await page.waitForTimeout(100)
      const now = await box()
      if (now === was) break
      was = now
    }
    await page.waitForTimeout(1200)   // and ECharts grows the bars for a second: a click before would miss them
  }
  await test('supervision: the dashboard\'s protection charts open their lists', async () => {
    const page = await newPage()
    await login(page, 'demo.city')
    await openDashboard(page)
    await page.locator('[data-test=chart-cases] canvas').waitFor()
    await page.waitForLoadState('networkidle')
    const f = (await apiFromPage(page, 'GET', '/stats/protection')).body
    for (const c of ['chart-visits', 'chart-cases', 'chart-rescue']) {
      const box = await page.locator(`[data-test=${c}] canvas`).boundingBox()
      check(`${c} is drawn`, box && box.width > 100 && box.height > 100, JSON.stringify(box))
    }
    const label = await page.locator('[data-test=chart-cases]').getAttribute('aria-label')
    check('the case chart reads out the open and overdue cases', label.includes('在办个案 ' + f.cases.open) && label.includes('逾期个案 ' + f.cases.overdue), label)
    const rescue = await page.locator('[data-test=chart-rescue]').getAttribute('aria-label')
    check('the rescue chart shows the city\'s beds and the children in care', f.rescue.beds > 0 && rescue.includes('床位 ' + f.rescue.beds) && rescue.includes('在站儿童 ' + f.rescue.present), rescue)

    // the overdue cases' bar: the area's cases with an overdue referral
    check('the demo has overdue cases to open', f.cases.overdue > 0, JSON.stringify(f.cases))
    await page.locator('[data-test=sv-grid] .el-table__row').first().waitFor()
    await settled(page, 'chart-cases')
    await clickFigure(page, 'chart-cases', 1)
    await page.waitForURL((u) => u.pathname === '/protection/cases' && u.searchParams.get('overdue') === '1' && u.searchParams.get('area') === f.area)
    await page.locator('[data-test=case-tabs] .el-tabs__item.is-active', { hasText: '逾期' }).waitFor()
    await page.waitForLoadState('networkidle')
    const listed = (await apiFromPage(page, 'GET', `/cases?overdue=1&area=${f.area}&limit=10`)).body.items.length
    await page.locator('[data-test=cases-table] [data-test=case-link]').first().waitFor()
    const rows = await page.locator('[data-test=cases-table] [data-test=case-link]').count()
    check('it opens the overdue tab of the cases, listing them', listed > 0 && rows === listed, `${rows} rows, ${listed} cases`)

    // the visits' chart: the visits due of the area
    await page.goBack()
    await page.locator('[data-test=chart-visits] canvas').waitFor()
    await page.waitForLoadState('networkidle')
    check('the demo has visits due this month', f.visits.due > 0, JSON.stringify(f.visits))
    await page.locator('[data-test=sv-grid] .el-table__row').first().waitFor()
    await settled(page, 'chart-visits')
    await clickFigure(page, 'chart-visits', 0)
    await page.waitForURL((u) => u.pathname === '/protection/visits' && u.searchParams.get('area') === f.area)
    await page.locator('[data-test=due-child]').first().waitFor()
    check('the visit chart opens the visits due of the area', await page.locator('[data-test=due-child]').count() > 0)
    const p = problems(page)
    check('the protection charts: no console errors', p.length === 0, p.join('\n'))
    await page.context().close()
  })
}
