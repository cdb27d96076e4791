// The rescue centre's pages (issue #6, rescue) in the browser, as the
// centre's staff use them: the board shows a child admitted three days ago
// with its family-search notice overdue in red and its stay; the admission
// form admits an unidentified child and opens its page with the deadlines
// and the timeline; a step is recorded from that page; every input is
// labelled and no page logs a console error; the city sets the centre's beds. The server runs on today's
// date, so the test's dates are counted from today in Asia/Shanghai.
import { apiFromPage, check, DESKTOP, login, newPage, problems, test } from './lib.mjs'

// The day N days before today in Asia/Shanghai, "YYYY-MM-DD".
const daysAgo = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10)

const noProblems = (name, page) => {
  const p = problems(page)
  check(`${name}: no console errors`, p.length === 0, p.join('\n'))
}

// Inputs without a label, an aria-label or a <label for>.
const unlabelled = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')].filter((e) => e.type !== 'hidden' && e.type !== 'file' && e.offsetParent !== null).filter((e) => {
      if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label')) return false
      return !(e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`))
    }).map((e) => e.outerHTML.slice(0, 120)))

// An Element Plus input: the attributes land on the <input>/<textarea> itself or on its wrapper.
const field = (page, testId, tag = 'input') => page.locator(`${tag}[data-test=${testId}], [data-test=${testId}] ${tag}`).first()

const pick = async (page, testId, text) => {
  await page.locator(`[data-test=${testId}]`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).click()
}

export default async function () {
  await test('rescue centre: the board shows an admitted child, its stay and its overdue deadline', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.rescue')
    const admitted = daysAgo(3)
    const r = await apiFromPage(page, 'POST', '/admissions', {
      name: '火车站男童', apparent_age: 9, sex: 'male', found_place: '东莞火车站', found_on: admitted,
      description: '身穿红色上衣', ground: 'homeless_unidentified', placement: 'rescue_centre', admitted_on: admitted,
    })
    check('an unidentified child is admitted through the API', r.status === 201, JSON.stringify(r.body))
    await page.goto('/rescue')
    const row = page.locator('[data-test=admissions-table] .el-table__row', { has: page.locator(`a[href="/rescue/${r.body.id}"]`) })
    // the demo's children are here too (cli/rescue_demo.c), oldest first: turn the board's pages to the child
    await page.locator('[data-test=admissions-table] .el-table__row').first().waitFor()
    for (let i = 0; i < 5 && !(await row.count()); i++) await page.locator('.el-pagination .btn-next').click()
    await row.waitFor()
    const text = await row.textContent()
    check('the board names the child and marks it unidentified', text.includes('火车站男童') && text.includes('身份不明'), text)
    check('its stay is 3 days', (await row.locator('[data-test=stay-days]').textContent()).trim() === '3天')
    const due = (await row.locator('[data-test=next-due]').textContent()).replace(/\s+/g, ' ')
    check('the family-search notice is shown overdue', due.includes('发布寻亲公告') && due.includes(daysAgo(2)) && due.includes('已逾期'), due)
    const colour = await row.locator('[data-test=next-due]').evaluate((e) => getComputedStyle(e).color)
    check('overdue is red', /rgb\(19[0-9], 3[0-9], 4[0-9]\)/.test(colour), colour)
    const centre = await page.locator('[data-test=institution-welfare_centre]').textContent()
    check('beds and occupancy: the welfare centre\'s 900 beds', centre.includes('900'), centre)
    check('the month\'s retention rate is shown', (await page.locator('[data-test=retention-rate]').textContent()).trim().length > 0)
    const missing = await unlabelled(page)
    check('the board: every input has a label', missing.length === 0, missing.join('\n'))
    noProblems('the board', page)
    await page.context().close()
  })

  await test('rescue centre: the city records the centre\'s beds', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.city')
    await page.goto('/rescue')
    const card = page.locator('[data-test=institution-rescue_centre]')
    await card.waitFor()
    await card.locator('[data-test^=beds-]').click()
    await page.locator('.el-message-box input').fill('60')
    await page.locator('.el-message-box .el-button--primary').click()
    await card.locator('.el-progress').waitFor()
    check('the card shows the beds and the occupancy', (await card.textContent()).includes('/ 60'), await card.textContent())
    noProblems('setting beds', page)
    await page.context().close()
  })

  await test('rescue centre: an admission through the form, then a step on its page', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.rescue')
    await page.goto('/rescue/new')
    await field(page, 'f-description', 'textarea').waitFor()
    await page.locator('[data-test=submit]').click()
    await page.locator('.el-form-item__error').first().waitFor()
    const errors = await page.locator('.el-form-item__error').allTextContents()
    check('an empty form names what is missing', errors.some((e) => e.includes('体貌特征不能为空')) && errors.some((e) => e.includes('临时监护情形不能为空')), errors.join('|'))
    const missing = await unlabelled(page)
    check('the form: every input has a label', missing.length === 0, missing.join('\n'))
    await field(page, 'f-name').fill('公园女童')
    await field(page, 'f-apparent_age').fill('6')
    await pick(page, 'f-sex', /^女$/)
    await field(page, 'f-found_place').fill('人民公园')
    await field(page, 'f-description', 'textarea').fill('扎马尾，穿粉色外套')
    await pick(page, 'f-ground', '监护人下落不明')
    await page.locator('[data-test=submit]').click()
    await page.waitForURL((u) => /^\/rescue\/\d+$/.test(u.pathname))
    await page.locator('[data-test=admission-title]').waitFor()
    check('the admission\'s page opens', (await page.locator('[data-test=admission-title]').textContent()).includes('公园女童'))
    check('its notice is pending today', (await page.locator('[data-test=deadline-family_search_notice]').textContent()).includes('未到期'))
    check('the timeline starts with the admission', (await page.locator('[data-test=timeline]').textContent()).includes('入站'))
    await page.locator('[data-test=step]').click()
    await pick(page, 'a-step-kind', '发布寻亲公告')
    await page.locator('[data-test=act-submit]').click()
    await page.locator('[data-test=deadline-family_search_notice]', { hasText: '已办理' }).waitFor()
    check('the notice is recorded and shown done', (await page.locator('[data-test=timeline]').textContent()).includes('发布寻亲公告'))
    noProblems('the form and the admission', page)
    await page.context().close()
  })
}
