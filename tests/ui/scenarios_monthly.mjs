// Monthly reports in the browser (issue #7): the village director opens
// 统计报表 > 月报上报, generates this month's report of 岗贝社区 from the
// ledger (its figures and the chart of categories show), and submits it;
// the town supervisor sees it submitted, opens the town's report, whose
// submission is stopped by the cross-checks (villages not submitted yet,
// listed one by one), returns 岗贝社区's report with a reason, and
// downloads the town's PDF. The town supervisor registers itself in
// 队伍与活动 (the demo's gaps are named: villages without a director) and
// an activity, whose participants add to the demo's totals. No page shows a console
// error.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { check, login, newPage, problems, test, WORK } from './lib.mjs'

const VILLAGE = '441900003001'
// the text box of a dialog's field, whether the data-test is on the input or around it
const field = (page, name) => page.locator(`input[data-test=wf-field-${name}], [data-test=wf-field-${name}] input`).first()

export default async function () {
  await test('monthly reports: a village generates and submits, its town checks, returns and downloads', async () => {
    const page = await newPage()
    await login(page, 'demo.village')
    await page.locator('.el-sub-menu__title', { hasText: '统计报表' }).click()
    await page.locator('.el-menu-item', { hasText: '月报上报' }).click()
    await page.waitForURL((u) => u.pathname === '/reports/monthly')
    await page.locator('[data-test=monthly-generate]').click()
    await page.waitForURL((u) => /^\/reports\/monthly\/\d+$/.test(u.pathname))
    await page.locator('[data-test=monthly-status]').waitFor()
    check('the new report is a draft', (await page.locator('[data-test=monthly-status]').textContent()).includes('草稿'))
    const total = Number((await page.locator('[data-test="fig-children.total"]').textContent()).replace(/,/g, ''))
    const male = Number((await page.locator('[data-test="fig-children.male"]').textContent()).replace(/,/g, ''))
    const female = Number((await page.locator('[data-test="fig-children.female"]').textContent()).replace(/,/g, ''))
    check('its figures come from the ledger, boys and girls adding up', total > 0 && male + female === total, `${total} ${male} ${female}`)
    check('the chart of categories is drawn', (await page.locator('[data-test=monthly-chart] canvas').count()) > 0)
    await page.locator('[data-test=monthly-submit]').click()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.locator('[data-test=monthly-status]', { hasText: '已上报' }).waitFor()
    check('the director submits it', true)
    check('a submitted report has no submit button', (await page.locator('[data-test=monthly-submit]').count()) === 0)
    check('monthly pages of the village: no console errors', problems(page).length === 0, problems(page).join('\n'))
    await page.context().close()

    const town = await newPage()
    await login(town, 'demo.town')
    await town.goto('/reports/monthly')
    await town.locator(`[data-test=status-${VILLAGE}]`).waitFor()
    check('the town sees the village report submitted', (await town.locator(`[data-test=status-${VILLAGE}]`).textContent()).includes('已上报'))
    await town.locator('[data-test=monthly-generate]').click()
    await town.waitForURL((u) => /^\/reports\/monthly\/\d+$/.test(u.pathname))
    await town.locator('[data-test=monthly-below]').waitFor()
    check('the town report lists its villages', (await town.locator('[data-test=monthly-below] tbody tr').count()) > 0)
    await town.locator('[data-test=monthly-submit]').click()
    await town.locator('.el-message-box .el-button--primary').click()
    await town.locator('[data-test=monthly-checks]').waitFor()
    const checks = await town.locator('[data-test=monthly-checks]').textContent()
    check('the cross-checks stop the submission, naming the villages still to submit', /未上报/.test(checks), checks)
    await town.locator(`[data-test=return-${VILLAGE}]`).click()
    await town.locator('[data-test=monthly-return-confirm]').click()
    await town.locator('.el-dialog .el-form-item__error').waitFor()
    check('a return needs its reason', (await town.locator('.el-dialog .el-form-item__error').textContent()).length > 0)
    await town.locator('#mr-reason').fill('新增儿童未统计，请核对后重报')
    await town.locator('[data-test=monthly-return-confirm]').click()
    await town.locator(`[data-test=below-status-${VILLAGE}]`, { hasText: '已退回' }).waitFor()
    check('the town returns the village report', true)
    const [download] = await Promise.all([town.waitForEvent('download'), town.locator('[data-test=monthly-pdf]').click()])
    const file = join(WORK, 'monthly-town.pdf')
    await download.saveAs(file)
    check('the town report downloads as a PDF', readFileSync(file).subarray(0, 5).toString() === '%PDF-' && /\.pdf$/.test(download.suggestedFilename()), download.suggestedFilename())
    const p = problems(town, [/status of 422/, /the server responded with a status of 422/])
    check('monthly pages of the town: no console errors', p.length === 0, p.join('\n'))
    await town.context().close()
  })

  await test('workforce: a supervisor registers, the gap closes; an activity adds to the totals', async () => {
    const page = await newPage()
    await login(page, 'demo.town')
    await page.goto('/reports/workforce')
    await page.locator('[data-test=wf-gaps]').waitFor()
    await page.waitForFunction(() => /个镇街未配备/.test(document.querySelector('[data-test=wf-gaps]').textContent))
    // the demo gives the demo town its supervisor and most villages a director (cli/workforce_demo.c)
    const gaps = await page.locator('[data-test=wf-gaps]').textContent()
    check('the gaps: the town has its supervisor, the villages without a director are named',
      gaps.includes('0个镇街未配备儿童督导员') && /[1-9]\d*个村（社区）未配备儿童主任/.test(gaps), gaps)
    await page.locator('[data-test=wf-add-worker]').click()
    await page.locator('[data-test=wf-save]').click()
    await page.locator('.el-dialog .el-form-item__error').first().waitFor()
    check('the form shows what is missing, field by field', (await page.locator('.el-dialog .el-form-item__error').count()) >= 1)
    await field(page, 'name').fill('王督导')
    await page.locator('[data-test=wf-field-role]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '儿童督导员' }).click()
    await page.locator('[data-test=wf-save]').click()
    await page.locator('[data-test=wf-workers] tbody tr', { hasText: '王督导' }).waitFor()
    check('the supervisor is registered and the town still lacks none', (await page.locator('[data-test=wf-gaps]').textContent()).includes('0个镇街'))
    await page.locator('.el-tabs__item', { hasText: '宣传活动' }).click()
    await page.locator('[data-test=wf-activity-totals]', { hasText: '共开展活动' }).waitFor()
    const before = await page.locator('[data-test=wf-activity-totals]').textContent()
    await page.locator('[data-test=wf-add-activity]').click()
    await field(page, 'title').fill('未成年人保护法进社区')
    await page.locator('[data-test=wf-field-kind]').click()
    await page.locator('.el-select-dropdown__item', { hasText: '宣传' }).first().click()
    await field(page, 'participants').fill('120')
    await page.locator('[data-test=wf-save]').click()
    await page.locator('[data-test=wf-activities] tbody tr', { hasText: '未成年人保护法进社区' }).waitFor()
    const after = await page.locator('[data-test=wf-activity-totals]').textContent()
    // the demo's activities are there already: the new one adds one event and its 120 participants
    const totals = (text) => (/共开展活动(\d+)场，参与(\d+)人次/.exec(text) || []).slice(1).map(Number)
    const [e0, p0] = totals(before), [e1, p1] = totals(after)
    check('the totals count it', e1 === e0 + 1 && p1 === p0 + 120, `${before} -> ${after}`)
    const p = problems(page, [/status of 422/])
    check('workforce page: no console errors', p.length === 0, p.join('\n'))
    await page.context().close()
  })
}
