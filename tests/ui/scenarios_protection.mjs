// The protection pages in a real browser (issue #6): the hotline desk logs
// a call that becomes a case; the intake form, submitted, shows the case
// number and who was told; a partner unit (police) sees only its own
// referrals, accepts one and records what it did; the case's timeline then
// shows the answer; a village director on a phone records a visit that opens
// a case; every input is labelled and no page shows a console error.
import { apiFromPage, check, DESKTOP, login, newPage, ok, PHONE, problems, test, uiTexts } from './lib.mjs'

const CASE_NUMBER = /^DG-\d{4}-\d{6}$/
const CJK = /[\u3400-\u9fff]/
const noProblems = (name, page, expected = []) => {
  const p = problems(page, expected)
  check(`protection, ${name}: no console errors`, p.length === 0, p.join('\n'))
}

// Picks an area in the el-cascader inside HOLDER by the names of its levels (each a substring).
async function pickArea(page, holder, names) {
  await page.locator(`${holder} .el-cascader`).click()
  for (let i = 0; i < names.length; i++) {
    const node = page.locator(`.el-cascader__dropdown:visible .el-cascader-menu`).nth(i).locator('.el-cascader-node', { hasText: names[i] }).first()
    await node.waitFor()
    await node.click()
  }
  await page.locator('.el-cascader__dropdown:visible').waitFor({ state: 'hidden' }).catch(() => {})
}

// Chooses the option LABEL of the el-select marked DATA_TEST.
async function choose(page, dataTest, label) {
  await page.locator(`[data-test=${dataTest}]`).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

// The inputs on PAGE that no label names (aria-label, a <label>, or label[for]).
async function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')].filter((e) => e.type !== 'hidden' && e.type !== 'file' && e.offsetParent !== null).filter((e) => {
      if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label')) return false
      return !(e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`))
    }).map((e) => e.outerHTML.slice(0, 160)))
}

export default async function protectionScenarios() {
  const stamp = Date.now().toString(36)
  let reportCase = null   // {id, number} of the case the intake form opened

  await test('protection: the hotline desk logs a call that becomes a case', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.hotline')
    await page.locator('.el-sub-menu__title', { hasText: '保护个案' }).click()
    await page.locator('.el-menu-item', { hasText: '热线受理' }).click()
    await page.waitForURL('**/protection/hotline')
    await page.locator('[data-test=call-save]').waitFor()
    check('protection: the hotline desk shows no empty labels', (await unlabelled(page)).length === 0, (await unlabelled(page)).join('\n'))
    // submitting empty explains what is missing, and sends nothing
    await page.locator('[data-test=call-save]').click()
    await page.getByText('来电内容不能为空').waitFor()
    ok('protection: an empty call is refused with "来电内容不能为空"')

    await page.locator('input[data-test=call-caller]').fill(`李女士${stamp}`)
    await choose(page, 'call-asks', '报告侵害')
    await page.locator('textarea[data-test=call-question]').fill(`邻居家孩子常被关在门外（浏览器测试 ${stamp}）`)
    await page.locator('textarea[data-test=call-answer]').fill('已记录并转民政核实')
    await page.locator('[data-test=call-open-case]').click()
    await page.locator('[data-test=call-save]').click()
    await page.getByText('请至少选择一种报告情形').waitFor()
    ok('protection: a call that becomes a case asks for the situation')
    await page.locator('[data-test=trigger-abandoned]').click()
    await pickArea(page, '[data-test=call-area]', ['东莞', '东城', '岗贝'])
    await page.locator('[data-test=call-save]').click()
    const row = page.locator('[data-test=calls-table] .el-table__body tr', { hasText: `李女士${stamp}` })
    await row.waitFor()
    const number = (await row.locator('[data-test=call-case]').textContent()).trim()
    check('protection: today\'s calls list the call with its case number', CASE_NUMBER.test(number), number)
    await row.locator('[data-test=call-case]').click()
    await page.waitForURL('**/protection/cases/*')
    await page.locator('h1[data-test=case-number]').waitFor()
    check('protection: the call\'s case opens', (await page.locator('h1[data-test=case-number]').textContent()).trim() === number)
    const tl = await page.locator('[data-test=timeline]').textContent()
    check('protection: the case\'s timeline starts with the report', tl.includes('受理报告'), tl)

    // a call logged without a case becomes a report in one click, filled in from the call
    await page.goBack()
    await page.locator('[data-test=call-save]').waitFor()
    await page.locator('input[data-test=call-caller]').fill(`张先生${stamp}`)
    await choose(page, 'call-asks', '报告侵害')
    await page.locator('textarea[data-test=call-question]').fill(`楼下有孩子深夜独自在外（浏览器测试 ${stamp}）`)
    await pickArea(page, '[data-test=call-area]', ['东莞', '东城', '岗贝'])
    await page.locator('[data-test=call-save]').click()
    const plain = page.locator('[data-test=calls-table] .el-table__body tr', { hasText: `张先生${stamp}` })
    await plain.locator('[data-test=call-to-case]').click()
    await page.waitForURL('**/protection/reports/new')
    await page.locator('[data-test=from-call]').waitFor()
    check('protection: the report starts from the call', (await page.locator('input[data-test=r-name]').inputValue()) === `张先生${stamp}` &&
      (await page.locator('textarea[data-test=r-seen]').inputValue()).includes('楼下有孩子深夜独自在外'))
    // submitted, the report is linked back to the call: the desk shows the call's case
    await page.locator('input[data-test=c-description]').fill('约六岁男孩，深夜独自在楼下')
    await page.locator('[data-test=trigger-abandoned]').click()
    await page.locator('[data-test=report-submit]').click()
    await page.locator('[data-test=report-result]').waitFor()
    const fromCall = (await page.locator('[data-test=case-number]').textContent()).trim()
    await page.goto('/protection/hotline')
    const linked = page.locator('[data-test=calls-table] .el-table__body tr', { hasText: `张先生${stamp}` })
    await linked.locator('[data-test=call-case]').waitFor()
    check('protection: the call turned into a report shows that report\'s case', (await linked.locator('[data-test=call-case]').textContent()).trim() === fromCall, fromCall)
    noProblems('hotline desk', page)
    await page.context().close()
  })

  await test('protection: the intake form, submitted, shows the case number and who was told', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.city')
    await page.goto('/protection/reports/new')
    await page.locator('[data-test=report-submit]').waitFor()
    const bad = await unlabelled(page)
    check('protection: every input of the intake form has a label', bad.length === 0, bad.join('\n'))
    await page.locator('[data-test=report-submit]').click()
    await page.getByText('报告人姓名不能为空').waitFor()
    await page.getByText('请至少选择一种报告情形').waitFor()
    ok('protection: an empty report is refused field by field')

    const child = (await apiFromPage(page, 'GET', '/children?limit=1')).body.items[0]
    await page.locator('input[data-test=r-name]').fill('王老师')
    await page.locator('input[data-test=r-unit]').fill('东城第一小学')
    await choose(page, 'r-sector', '学校')
    await page.locator('[data-test=child-picker] input').fill(child.name)
    await page.locator('.el-select-dropdown__item:visible', { hasText: child.name }).first().click()
    await page.locator('[data-test=trigger-multiple_injuries]').click()
    await page.locator('textarea[data-test=r-seen]').fill(`手臂多处淤青，自述被父亲殴打（浏览器测试 ${stamp}）`)
    await page.locator('[data-test=report-submit]').click()
    await page.locator('[data-test=report-result]').waitFor()
    const number = (await page.locator('[data-test=case-number]').textContent()).trim()
    check('protection: the report answers with its case number', CASE_NUMBER.test(number), number)
    const told = await page.locator('[data-test=notified]').textContent()
    check('protection: the police, civil affairs and education were told', told.includes('公安') && told.includes('民政') && told.includes('教育'), told)
    await page.locator('[data-test=open-case]').click()
    await page.waitForURL('**/protection/cases/*')
    reportCase = { id: Number(page.url().split('/').pop()), number }
    await page.locator('[data-test=referrals-table]').waitFor()
    const refs = await page.locator('[data-test=referrals-table] .el-table__body').textContent()
    check('protection: the case lists its referral to the police and the notices', refs.includes('公安') && refs.includes('民政'), refs)
    noProblems('intake', page)
    await page.context().close()
  })

  await test('protection: a partner unit sees only its referrals and answers one; the timeline shows it', async () => {
    if (!reportCase) throw new Error('no case from the intake test')
    const page = await newPage(DESKTOP)
    await login(page, 'demo.partner')
    await page.goto('/protection/referrals')
    await page.locator('[data-test=inbox]').waitFor()
    const mine = (await apiFromPage(page, 'GET', '/referrals')).body.items
    check('protection: the partner\'s inbox holds only referrals to its unit', mine.length > 0 && mine.every((r) => r.unit === 'police'), JSON.stringify(mine.map((r) => r.unit)))
    const card = page.locator('.inbox-item', { hasText: reportCase.number })
    await card.waitFor()
    const cards = await page.locator('.inbox-item').count()
    check('protection: the inbox shows what is open for the unit', cards === mine.filter((r) => r.status === 'pending' || r.status === 'accepted').length, `${cards} cards`)

    await card.locator('[data-test=inbox-accept]').click()
    await page.locator('textarea[data-test=inbox-text]').fill('已派民警出警')
    await page.locator('[data-test=inbox-submit]').click()
    await card.locator('[data-test=inbox-done]').waitFor()
    ok('protection: the partner accepts the referral')
    await card.locator('[data-test=inbox-done]').click()
    await page.locator('[data-test=inbox-submit]').click()
    await page.getByText('办理情况不能为空').waitFor()
    ok('protection: recording what was done asks for it')
    const did = `已对监护人训诫并出具告诫书（浏览器测试 ${stamp}）`
    await page.locator('textarea[data-test=inbox-text]').fill(did)
    await page.locator('[data-test=inbox-submit]').click()
    await card.waitFor({ state: 'detached' })
    ok('protection: once done, the referral leaves the to-do list')

    // the partner sees, of the case, only its own unit's referrals
    await page.goto(`/protection/cases/${reportCase.id}`)
    await page.locator('[data-test=referrals-table]').waitFor()
    const units = await page.locator('[data-test=referrals-table] .el-table__body tr td:first-child').allTextContents()
    check('protection: on the case the partner sees only its own unit\'s referral', units.length > 0 && units.every((u) => u.trim().startsWith('公安')), units.join())
    check('protection: the partner gets no case actions', (await page.locator('[data-test^=act-]').count()) === 0)
    const who = await page.locator('[data-test=case-report]').textContent()
    check('protection: the partner sees the reporter masked, and why', !who.includes('王老师') && who.includes('报告人信息仅对有权限的岗位可见'), who)
    // a partner's own report starts with an unknown child: it sees only the children referred to it
    await page.goto('/protection/reports/new')
    await page.locator('[data-test=report-submit]').waitFor()
    check('protection: a partner\'s report form starts with describing the child', await page.locator('[data-test=child-unknown] input').isChecked())
    noProblems('partner inbox', page)
    await page.context().close()

    const city = await newPage(DESKTOP)
    await login(city, 'demo.city')
    await city.goto(`/protection/cases/${reportCase.id}`)
    await city.locator('[data-test=timeline]').waitFor()
    check('protection: civil affairs sees the reporter in full', (await city.locator('[data-test=reporter]').textContent()).includes('王老师'))
    const tl = await city.locator('[data-test=timeline]').textContent()
    check('protection: the case timeline shows the partner\'s answer', tl.includes('成员单位答复') && tl.includes(did), tl)
    const action = await city.locator('[data-test=referrals-table]').textContent()
    check('protection: the referral shows what the police did', action.includes(did), action)

    // the caseworker's next step: assess with the risk
    await city.locator('[data-test=act-assess]').click()
    await city.locator('[data-test=d-risk] .el-radio', { hasText: '高' }).click()
    await choose(city, 'd-guardianship', '有能力但不履行')
    await city.locator('textarea[data-test=d-note]').fill('入户核实（浏览器测试）')
    await city.locator('[data-test=d-submit]').click()
    await city.locator('[data-test=case-status]', { hasText: '已评估' }).waitFor()
    const tl2 = await city.locator('[data-test=timeline]').textContent()
    check('protection: the assessment is on the timeline with its note', tl2.includes('入户核实（浏览器测试）'), tl2)

    // and on to the end: plan, refer, intervene, review, close with the outcome, tell the reporter
    const step = async (act, fill) => {
      await city.locator(`[data-test=act-${act}]`).first().click()
      await city.locator('[data-test=d-submit]').waitFor()
      await fill()
      await city.locator('[data-test=d-submit]').click()
      await city.locator('[data-test=case-dialog]').waitFor({ state: 'hidden' })
    }
    await city.locator('[data-test=act-plan]').click()
    await city.locator('[data-test=d-submit]').click()
    await city.getByText('服务方案不能为空').waitFor()
    ok('protection: a plan without its text is refused')
    await city.locator('textarea[data-test=d-note]').fill('联系学校心理老师，每周家访')
    await city.locator('[data-test=d-submit]').click()
    await city.locator('[data-test=case-status]', { hasText: '已制定方案' }).waitFor()
    await step('refer', async () => {
      await choose(city, 'd-unit', '妇联')
      await city.locator('textarea[data-test=d-note]').fill('协助家庭教育指导')
    })
    await city.locator('[data-test=case-status]', { hasText: '服务转介中' }).waitFor()
    const due = (await city.locator('[data-test=referrals-table] .el-table__body tr', { hasText: '妇' }).locator('td').nth(4).textContent()).trim()
    check('protection: the new referral is due in the default 7 days', /^\d{4}-\d{2}-\d{2}$/.test(due) && (Date.parse(due) - Date.parse(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10))) / 86400e3 === 7, due)
    await step('intervene', async () => {
      await choose(city, 'd-intervention', '训诫')
      await city.locator('textarea[data-test=d-note]').fill('对父亲训诫')
    })
    await city.locator('[data-test=interventions-table] .el-table__body tr', { hasText: '训诫' }).waitFor()
    await step('review', async () => city.locator('textarea[data-test=d-note]').fill('回访：伤已愈，父亲接受家庭教育指导'))
    await step('close', async () => choose(city, 'd-outcome', '问题已解决'))
    await city.locator('[data-test=case-status]', { hasText: '已结案' }).waitFor()
    await step('notify', async () => city.locator('textarea[data-test=d-note]').fill('电话告知报告人处理结果'))
    await city.locator('[data-test=reporter-told]').waitFor()
    const tl3 = await city.locator('[data-test=timeline]').textContent()
    check('protection: the timeline holds every step to the reporter being told', ['制定方案', '监护干预', '回访评估', '结案', '告知报告人结果', '问题已解决'].every((w) => tl3.includes(w)), tl3)
    check('protection: a closed case offers only reopening', (await city.locator('[data-test^=act-]').allTextContents()).join() === '重新开启')
    noProblems('case page', city)
    await city.context().close()
  })

  await test('protection: a village director on a phone records a visit that opens a case', async () => {
    const page = await newPage(PHONE)
    await login(page, 'demo.village')
    await page.goto('/protection/visits')
    await page.locator('[data-test=visits-due]').waitFor()
    const first = page.locator('[data-test=due-child]').first()
    await first.waitFor()
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    check('protection: the visits due do not scroll sideways on a phone', wide <= 390 + 1, wide)
    await first.locator('[data-test=visit-record]').click()
    await page.locator('[data-test=visit-dialog] [data-test=v-save]').waitFor()
    const bad = await unlabelled(page)
    check('protection: every input of the visit form has a label', bad.length === 0, bad.join('\n'))
    await page.locator('[data-test=v-care-poor]').click()
    await page.locator('textarea[data-test=v-findings]').fill('家中无人做饭，孩子独自在家两天（浏览器测试）')
    await page.locator('input[data-test=v-seen]').fill('孩子和祖母')
    await page.locator('[data-test=v-open-case]').click()
    await page.locator('[data-test=visit-dialog] [data-test=trigger-abandoned]').click()
    const dialogWide = await page.locator('[data-test=visit-dialog]').evaluate((e) => e.getBoundingClientRect().width)
    check('protection: the visit form fits the phone', dialogWide <= 390 + 1, dialogWide)
    await page.locator('[data-test=v-save]').click()
    await page.locator('[data-test=visit-case]').waitFor()
    const text = await page.locator('[data-test=visit-case]').textContent()
    const number = (text.match(/DG-\d{4}-\d{6}/) || [''])[0]
    check('protection: the visit opened a case', CASE_NUMBER.test(number), text)
    await page.locator('[data-test=visit-case-link]').click()
    await page.locator('h1[data-test=case-number]', { hasText: number }).waitFor()
    const src = await page.locator('.detail-head').textContent()
    check('protection: the case came from the visit', src.includes('探访'), src)
    const childLink = await page.locator('[data-test=case-report] a[href^="/children/"]').getAttribute('href')
    await page.goto(childLink)
    await page.locator('.el-tabs__item', { hasText: '探访与保护个案' }).click()
    await page.locator('[data-test=child-visits] .el-table__body tr', { hasText: '差' }).first().waitFor()
    await page.locator('[data-test=child-cases] .el-table__body tr', { hasText: number }).waitFor()
    ok('protection: the child\'s page lists the visit and the case it opened')
    // exactly the child's cases: the same as the village's cases of this child
    const childId = Number(childLink.split('/').pop())
    const child = (await apiFromPage(page, 'GET', `/children/${childId}`)).body
    const village = (await apiFromPage(page, 'GET', `/cases?area=${child.area}&limit=500`)).body.items
    const expected = village.filter((c) => c.child_id === childId).map((c) => c.number).sort()
    const shown = (await page.locator('[data-test=child-cases] .el-table__body tr td:first-child').allTextContents()).map((x) => x.trim()).sort()
    check('protection: the child\'s tab shows exactly its cases', shown.length > 0 && JSON.stringify(shown) === JSON.stringify(expected), `${shown} vs ${expected}`)
    noProblems('visit on a phone', page)
    await page.context().close()
  })

  await test('protection: the pages have labelled inputs and no console errors', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.town')
    for (const path of ['/protection/cases', '/protection/visits', '/protection/reports/new']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const bad = await unlabelled(page)
      check(`protection: ${path}: every input has a label`, bad.length === 0, bad.join('\n'))
    }
    await page.goto('/protection/cases')
    await page.locator('[data-test=case-tabs] .el-tabs__item', { hasText: '本辖区' }).click()
    await page.locator('[data-test=case-link]').first().waitFor()
    const shown = await page.locator('[data-test=case-link]').count()
    const api = (await apiFromPage(page, 'GET', '/cases?limit=10')).body.items.length
    check('protection: the area tab lists the area\'s cases', shown === api, `${shown} vs ${api}`)
    // the case list keeps its search when the user goes to a case and comes back by its tab
    await choose(page, 'filter-risk', '高')
    await page.locator('[data-test=search]').click()
    await page.locator('[data-test=case-link]').first().waitFor()
    const high = (await apiFromPage(page, 'GET', '/cases?risk=high&limit=10')).body.items
    check('protection: the risk filter lists the high-risk cases', high.length > 0 && high.every((c) => c.risk === 'high') &&
      (await page.locator('[data-test=case-link]').count()) === high.length, `${high.length} cases`)
    await page.locator('[data-test=case-link]').first().click()
    await page.locator('h1[data-test=case-number]').waitFor()
    const caseNo = (await page.locator('h1[data-test=case-number]').textContent()).trim()
    await page.locator('.el-breadcrumb__inner', { hasText: caseNo }).waitFor()
    const crumbs = (await page.locator('.el-breadcrumb__inner').allTextContents()).map((x) => x.trim())
    check('protection: a case page\'s breadcrumb names the case list as its parent', JSON.stringify(crumbs) === JSON.stringify(['首页', '保护个案', '个案列表', caseNo]), crumbs.join(' / '))
    const active = (await page.locator('.el-menu-item.is-active').allTextContents()).map((x) => x.trim())
    check('protection: on a case page the menu highlights 个案列表', active.length === 1 && active[0] === '个案列表', active.join())
    await page.locator('.el-breadcrumb__inner', { hasText: '个案列表' }).click()
    await page.waitForURL('**/protection/cases')
    await page.locator('[data-test=case-link]').first().waitFor()
    const kept = await page.locator('[data-test=filter-risk]').textContent()
    check('protection: back on the case list, its risk filter is still set', kept.includes('高') && (await page.locator('[data-test=case-link]').count()) === high.length, kept)
    await page.locator('[data-test=lang-switch]').click()
    await page.getByText('Cases').first().waitFor()
    const townCase = (await apiFromPage(page, 'GET', '/cases?limit=1')).body.items[0]
    for (const path of ['/protection/cases', '/protection/reports/new', '/protection/visits', `/protection/cases/${townCase.id}`]) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const zh = (await uiTexts(page)).filter((x) => CJK.test(x))
      check(`protection: ${path} in English has no Chinese words of its own`, zh.length === 0, zh.join(' | '))
    }
    noProblems('pages', page)
    await page.context().close()
  })
}
