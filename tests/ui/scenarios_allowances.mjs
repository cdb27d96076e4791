// The allowance pages in a real browser (issue #5), on the demo database:
// the child's page explains eligibility and takes an application (a
// village director); the town verifies it and the city confirms it from
// the confirmation queue; a town's payroll is generated, submitted,
// approved and locked through the pages with its totals shown; a city
// standard below the provincial minimum is refused with the message; every
// input of the pages is labelled, and no page shows a console error.
import { apiFromPage, check, DESKTOP, login, newPage, ok, problems, test } from './lib.mjs'

const noProblems = (name, page, expected = []) => {
  const p = problems(page, expected)
  check(`${name}: no console errors`, p.length === 0, p.join('\n'))
}

// Clicks OK in Element Plus's confirmation box (系统提示).
async function confirmBox(page) {
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })
}

async function unlabelledInputs(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')].filter((e) => e.type !== 'hidden' && e.type !== 'file' && e.offsetParent !== null).filter((e) => {
      if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label')) return false
      return !(e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`))
    }).map((e) => e.outerHTML.slice(0, 160)))
}

export default async function allowances() {
  // the child of the village whose facts qualify it for a category it does not hold yet
  let child = null
  let category = null

  await test('allowances: the child\'s page explains eligibility and takes an application', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.village')
    const kids = (await apiFromPage(page, 'GET', '/children?limit=50')).body.items
    for (const k of kids) {
      const e = (await apiFromPage(page, 'GET', `/children/${k.id}/eligibility`)).body
      const j = e.items.find((x) => x.state === 'yes' && !x.recorded)
      if (j) {
        child = { ...k, eligibility: e }
        category = j.category
        break
      }
    }
    if (!child) throw new Error('no child of the village qualifies for a category it does not hold')
    await page.goto(`/children/${child.id}?tab=allowances`)
    await page.locator('[data-test=eligibility-table]').waitFor()
    const state = await page.locator(`[data-test=state-${category}]`).textContent()
    const reason = await page.locator(`[data-test=reason-${category}]`).textContent()
    const expected = child.eligibility.items.find((x) => x.category === category).reason
    check('the panel says the child qualifies', state.trim() === '符合', state)
    check('and why, in the words of the rules', reason.trim() === expected && reason.length > 4, `${reason} / ${expected}`)
    await page.locator(`[data-test=apply-${category}]`).click()
    await page.locator('[data-test=apply-ok]').click()
    await page.locator('[data-test=app-status]', { hasText: '待查验' }).waitFor()
    ok('the application is recorded and waits for the town')
    check('the village director has no verify button', (await page.locator('[data-test=verify]').count()) === 0)
    noProblems('the eligibility panel', page)
    await page.context().close()
  })

  await test('allowances: the town verifies and the city confirms from the queue', async () => {
    if (!child) throw new Error('no application to verify')
    const town = await newPage(DESKTOP)
    await login(town, 'demo.town')
    await town.locator('.el-sub-menu__title', { hasText: '福利保障' }).click()
    await town.locator('.el-menu-item', { hasText: '认定审核' }).click()
    await town.waitForURL('**/allowances/queue')
    const row = town.locator('[data-test=queue-table] .el-table__row', { hasText: child.name })
    await row.waitFor()
    check('the town\'s queue shows the due day', /\d{4}-\d{2}-\d{2}/.test(await row.textContent()))
    await row.locator('[data-test=verify]').click()
    await confirmBox(town)
    await row.waitFor({ state: 'detached' })
    ok('the town verifies it and it leaves the town\'s queue')
    noProblems('the town\'s queue', town)
    await town.context().close()

    const city = await newPage(DESKTOP)
    await login(city, 'demo.city')
    await city.goto('/allowances/queue')
    const crow = city.locator('[data-test=queue-table] .el-table__row', { hasText: child.name })
    await crow.waitFor()
    await crow.locator('[data-test=confirm]').click()
    await confirmBox(city)
    await crow.waitFor({ state: 'detached' })
    const rec = (await apiFromPage(city, 'GET', `/children/${child.id}`)).body
    check('the city confirms: the record holds the category, approved', rec.categories.some((c) => c.code === category && c.status === 'approved'), JSON.stringify(rec.categories))
    await city.goto(`/children/${child.id}?tab=allowances`)
    await city.locator('[data-test=app-status]', { hasText: '已确认' }).waitFor()
    ok('the child\'s page shows the application confirmed')
    // and the city can end it, with the day and the reason
    await city.locator(`[data-test=end-${category}]`).click()
    await city.locator('[data-test=reason-ok]').click()
    await city.getByText('原因不能为空').waitFor()
    ok('ending a category asks for its reason')
    await city.locator('textarea[data-test=reason-input]').fill('浏览器测试：情况变化')
    await city.locator('[data-test=reason-ok]').click()
    await city.locator(`[data-test=end-${category}]`).waitFor({ state: 'detached' })
    const ended = (await apiFromPage(city, 'GET', `/children/${child.id}`)).body
    check('the record holds the category ended', ended.categories.some((c) => c.code === category && c.status === 'ended'), JSON.stringify(ended.categories))
    noProblems('the city\'s queue', city)
    await city.context().close()
  })

  await test('allowances: a town\'s payroll from generation to lock, with its totals', async () => {
    const town = await newPage(DESKTOP)
    await login(town, 'demo.town')
    await town.goto('/allowances/payrolls')
    await town.locator('[data-test=generate]').click()
    check('the generation form is labelled', (await unlabelledInputs(town)).length === 0, (await unlabelledInputs(town)).join('\n'))
    await town.locator('[data-test=gen-ok]').click()
    await town.waitForURL(/\/allowances\/payrolls\/\d+$/)
    const id = town.url().split('/').pop()
    await town.locator('[data-test=payroll-status]', { hasText: '草稿' }).waitFor()
    const totals = (await apiFromPage(town, 'GET', `/payrolls/${id}/totals`)).body
    const shown = (await town.locator('[data-test=payroll-total]').textContent()).trim()
    check('the page shows the payroll\'s total', totals.children > 0 && /^¥[\d,]+\.\d\d$/.test(shown) && shown.replace(/[¥,]/g, '') === totals.total, `${shown} vs ${totals.total}`)
    const cat = totals.by_category.find((c) => c.children > 0)
    const catShown = (await town.locator(`[data-test=cat-total-${cat.category}]`).textContent()).replace(/[¥,]/g, '')
    check('and its totals by category', catShown === cat.total, `${catShown} vs ${cat.total}`)
    const lines = await town.locator('[data-test=lines-table] .el-table__row').count()
    check('the lines, a page at a time', lines === Math.min(10, totals.parts[0].lines), `${lines}`)
    check('the payroll page is labelled', (await unlabelledInputs(town)).length === 0, (await unlabelledInputs(town)).join('\n'))
    await town.locator('[data-test=submit-part]').click()
    await confirmBox(town)
    await town.locator('[data-test=payroll-status]', { hasText: '已上报' }).waitFor()
    ok('the town submits its part: the payroll is submitted')
    noProblems('the town\'s payroll', town)
    await town.context().close()

    const city = await newPage(DESKTOP)
    await login(city, 'demo.city')
    await city.goto('/allowances/payrolls')
    await city.locator('[data-test=open-payroll]').first().click()
    await city.waitForURL(`**/allowances/payrolls/${id}`)
    await city.locator('[data-test=approve]').click()
    await confirmBox(city)
    await city.locator('[data-test=payroll-status]', { hasText: '已审批' }).waitFor()
    ok('the city approves it')
    await city.locator('[data-test=lock]').click()
    await city.locator('[data-test=lock-ok]').click()
    await city.locator('[data-test=payroll-status]', { hasText: '已锁定' }).waitFor()
    const pr = (await apiFromPage(city, 'GET', `/payrolls/${id}`)).body
    check('and locks it once paid', pr.status === 'locked' && pr.locked_by === 'demo.city' && !!pr.paid_on, JSON.stringify(pr))
    check('a locked payroll offers no more steps', (await city.locator('[data-test=approve], [data-test=lock], [data-test=discard], [data-test=adjust]').count()) === 0)
    const [download] = await Promise.all([city.waitForEvent('download'), city.locator('[data-test=bank]').click()])
    check('the bank list downloads as a workbook', /\.xlsx$/.test(download.suggestedFilename()), download.suggestedFilename())
    noProblems('the city\'s payroll', city)
    await city.context().close()
  })

  await test('allowances: a standard below the provincial minimum is refused with the minimum', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.city')
    await page.goto('/allowances/standards')
    await page.locator('[data-test=standards-table] .el-table__row').first().waitFor()
    await page.locator('[data-test=set-standard]').click()
    await page.locator('[data-test=std-category]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '机构' }).first().click()
    await page.locator('input[data-test=std-amount]').fill('100.00')
    await page.locator('input[data-test=std-note]').fill('浏览器测试')
    check('the standard form is labelled', (await unlabelledInputs(page)).length === 0, (await unlabelledInputs(page)).join('\n'))
    await page.locator('[data-test=std-ok]').click()
    const msg = page.locator('.el-form-item__error', { hasText: '最低标准' })
    await msg.waitFor()
    const text = await msg.textContent()
    check('the message under the amount names the minimum', /不低于\d+\.\d\d元/.test(text), text)
    noProblems('the standards', page, [/status of 422/])   // the refusal itself
    await page.context().close()
  })

  await test('allowances: other help is recorded for a child and counted', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.town')
    const kid = (await apiFromPage(page, 'GET', '/children?limit=1&sort=id')).body.items[0]
    await page.goto('/allowances/aid')
    await page.locator('[data-test=add-aid]').click()
    await page.locator('[data-test=aid-child] input').fill(kid.name)
    await page.locator('.el-select-dropdown__item:visible', { hasText: `（${kid.id}）` }).click()
    await page.locator('[data-test=aid-kind]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '临时救助' }).click()
    await page.locator('input[data-test=aid-amount]').fill('300.5')
    check('the help form is labelled', (await unlabelledInputs(page)).length === 0, (await unlabelledInputs(page)).join('\n'))
    await page.locator('[data-test=aid-ok]').click()
    const row = page.locator('[data-test=aid-table] .el-table__row', { hasText: kid.name })
    await row.waitFor()
    check('the list shows it in yuan', (await row.textContent()).includes('¥300.50'), await row.textContent())
    const totals = await page.locator('[data-test=aid-totals]').textContent()
    check('and the totals count it', totals.includes('临时救助') && totals.includes('¥300.50'), totals)
    noProblems('other help', page)
    await page.context().close()
  })

  await test('allowances: every page of the menu opens, labelled and without errors', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.city')
    for (const path of ['/allowances/queue', '/allowances/payrolls', '/allowances/standards', '/allowances/aid', '/allowances/adult-orphans', '/allowances/settings']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const missing = await unlabelledInputs(page)
      check(`${path}: every input has a label`, missing.length === 0, missing.join('\n'))
    }
    await page.goto('/allowances/adult-orphans')
    await page.locator('[data-test=next-town]').waitFor()
    ok('the rotation proposes the next town')
    noProblems('the allowance pages', page)
    await page.context().close()
  })
}
