// The web UI in a real browser, as its users work with it (issue #4):
// a village director sees only the village's children, opens one, changes
// a field with a reason and sees the history; a town supervisor filters by
// category, exports to Excel (the file's rows are checked) and imports a
// file with errors (every error is listed); the page switches to English;
// first login, lock-out, idle time-out, a phone-sized screen, the security
// headers; and no page shows a console error.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiFromPage, BASE, check, close, DESKTOP, fail, IDLE_BASE, launch, login, newPage, ok, PHONE, problems, summary, test, uiTexts, WORK } from './lib.mjs'
import { badCheck, idnum, importWithErrors } from './fixtures.mjs'

const VILLAGE_NAME = '岗贝社区居民委员会'
const CJK = /[\u3400-\u9fff]/
const noProblems = (name, page, expected = []) => {
  const p = problems(page, expected)
  check(`${name}: no console errors`, p.length === 0, p.join('\n'))
}
const sheetRows = (xlsx) => {
  const xml = execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml']).toString()
  return (xml.match(/<row[ >]/g) || []).length
}
const uiOnly = (texts) => texts.filter((s) => CJK.test(s))

await launch()
try {
  await test('security headers and the single-page fallback', async () => {
    const root = await fetch(BASE + '/')
    const csp = root.headers.get('content-security-policy') || ''
    check('index.html has a strict Content-Security-Policy', /script-src 'self'(;|$)/.test(csp) && !/unsafe-eval/.test(csp) && /frame-ancestors 'none'/.test(csp), csp)
    check('index.html is nosniff', root.headers.get('x-content-type-options') === 'nosniff')
    const html = await root.text()
    check('index.html has no inline script', !/<script(?![^>]*\bsrc=)[^>]*>/.test(html), html)
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)
    const a = await fetch(BASE + asset[1], { headers: { 'Accept-Encoding': 'gzip' } })
    check('hashed assets are cached for a year', /immutable/.test(a.headers.get('cache-control') || ''), a.headers.get('cache-control'))
    const deep = await fetch(BASE + '/children/12345')
    check('a UI route gets index.html', deep.status === 200 && /text\/html/.test(deep.headers.get('content-type')))
    const api = await fetch(BASE + '/api/v1/no/such/thing')
    check('an unknown API path is still problem+json 404', api.status === 404 && /problem\+json/.test(api.headers.get('content-type')))
    const missing = await fetch(BASE + '/assets/nothing.js')
    check('a missing asset is 404', missing.status === 404)
  })

  await test('village director: login, header, only the village, a child, an edit with its reason, the history', async () => {
    const page = await newPage(DESKTOP)
    await page.goto('/login')
    check('the login page is in Chinese by default', (await page.locator('h1').textContent()).includes('儿童信息台账'))
    // keyboard only: type, Tab, type, Enter
    await page.locator('#login-username').focus()
    await page.keyboard.type('demo.village')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Shouhu-Demo-1')
    await page.keyboard.press('Enter')
    await page.waitForURL((u) => u.pathname === '/')
    ok('logs in with the keyboard alone')
    const header = await page.locator('.navbar').textContent()
    check('the header shows the account, its role and area', header.includes('demo.village') && header.includes('儿童主任') && header.includes('岗贝社区'), header)
    await page.locator('[data-test=count-total]').waitFor()
    noProblems('home', page)

    await page.locator('.el-menu-item', { hasText: '儿童台账' }).click()
    await page.waitForURL('**/children')
    await page.locator('[data-test=child-link]').first().waitFor()
    const areas = await page.locator('[data-test=area-name]').evaluateAll((els) => els.map((e) => e.dataset.full))
    const apiTotal = (await apiFromPage(page, 'GET', '/children?limit=1')).body.total
    check('the first page lists only the village\'s children', areas.length === Math.min(10, apiTotal) && areas.every((a) => a === VILLAGE_NAME), areas.join(', '))
    const shown = await page.locator('.el-pagination__total').textContent()
    check('the total is the village\'s', shown.replace(/\D/g, '') === String(apiTotal), `${shown} vs ${apiTotal}`)
    const ids = await page.locator('[data-test=id-number]').allTextContents()
    check('ID numbers are masked in the list', ids.every((s) => s === '—' || /\*{6,}/.test(s)), ids.join(' '))
    // sorting by name (server side)
    await page.locator('th .cell', { hasText: '姓名' }).click({ position: { x: 4, y: 4 } })   // the name, not one of its carets
    await page.waitForLoadState('networkidle')
    const sorted = (await apiFromPage(page, 'GET', '/children?limit=10&sort=name')).body.items.map((c) => c.name)
    await page.waitForFunction((first) => document.querySelector('[data-test=child-link]')?.textContent === first, sorted[0])
    check('a column sorts the whole list on the server', (await page.locator('[data-test=child-link]').allTextContents()).join() === sorted.join())

    await page.locator('[data-test=child-link]').first().click()
    await page.locator('[data-test=child-name]').waitFor()
    const groups = ['basic', 'residence', 'school', 'health', 'family']
    const seen = await Promise.all(groups.map((g) => page.locator(`[data-test=group-${g}]`).count()))
    check('the child\'s page shows every group of fields', seen.every((n) => n === 1), seen.join())
    const childPath = new URL(page.url()).pathname
    const id = childPath.split('/').pop()
    noProblems('the child\'s page', page)

    await page.locator('[data-test=edit]').click()
    await page.locator('[data-test=f-reason]').waitFor()
    // checked as the user types: a wrong check character
    const idInput = page.locator('input[data-test=f-id_number]')
    const good = await idInput.inputValue()
    await idInput.fill(badCheck(good || idnum('441900', '20150301', '123')))
    await idInput.blur()
    await page.getByText('身份证号校验码不对').waitFor()
    ok('a wrong ID check character is explained as it is typed')
    await idInput.fill(good)
    await idInput.blur()
    await page.getByText('身份证号校验码不对').waitFor({ state: 'detached' })
    const school = page.locator('input[data-test=f-school]')
    await school.fill('东莞市东城第一小学（测试）')
    await page.locator('[data-test=save]').click()
    await page.getByText('变更原因不能为空').waitFor()
    ok('saving asks for the reason of the change')
    await page.locator('input[data-test=f-reason]').fill('转学（浏览器测试）')
    await page.locator('[data-test=save]').click()
    await page.waitForURL((u) => u.pathname === childPath)
    await page.locator('[data-test=version-2]').waitFor()
    const v2 = await page.locator('[data-test=version-2]').textContent()
    check('the history shows who, why and what', v2.includes('demo.village') && v2.includes('转学（浏览器测试）') && v2.includes('东莞市东城第一小学（测试）'), v2)
    noProblems('the edit and the history', page)

    // a stale edit is explained, and nothing typed is lost
    await page.goto(`/children/${id}/edit`)
    await page.locator('[data-test=f-reason]').waitFor()
    const theirs = await apiFromPage(page, 'GET', `/children/${id}`)
    const r = await apiFromPage(page, 'PATCH', `/children/${id}`, { reason: '他人同时修改', health: '良好（他人修改）' }, { 'If-Match': theirs.etag })
    check('another change lands meanwhile', r.status === 200, JSON.stringify(r.body))
    await page.locator('input[data-test=f-school]').fill('东莞市东城第二小学（测试）')
    await page.locator('input[data-test=f-reason]').fill('再次转学（测试）')
    await page.locator('[data-test=save]').click()
    const dialog = page.locator('.el-dialog', { hasText: '档案已被他人修改' })
    await dialog.waitFor()
    const text = await dialog.textContent()
    check('the stale edit shows their change and mine', text.includes('良好（他人修改）') && text.includes('东莞市东城第二小学（测试）'), text)
    await page.locator('[data-test=stale-apply]').click()
    await page.waitForURL((u) => u.pathname === childPath)
    await page.locator('[data-test=version-4]').waitFor()
    const rec = (await apiFromPage(page, 'GET', `/children/${id}`)).body
    check('both changes are in the record', rec.health === '良好（他人修改）' && rec.school === '东莞市东城第二小学（测试）', JSON.stringify([rec.health, rec.school]))
    noProblems('the stale edit', page, [/status of 412/])
    await page.context().close()
  })

  await test('a new record is checked as it is typed', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.village')
    await page.goto('/children/new')
    const idInput = page.locator('input[data-test=f-id_number]')
    await idInput.waitFor()
    const id = idnum('441900', '20160708', '777')
    await idInput.fill(id)
    await idInput.blur()
    await page.waitForFunction(() => document.querySelector('[data-test=fi-birth_date] input')?.value === '2016-07-08')
    ok('a valid ID number fills in the birth date')
    await page.locator('input[data-test=f-name]').fill('浏览器新建')
    await page.locator('[data-test=save]').click()
    await page.getByText('居住村(社区)不能为空').waitFor()
    ok('a missing village is reported before sending')
    noProblems('the new-record form', page)
    await page.context().close()
  })

  await test('town supervisor: filter by category, export to Excel, import with errors', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.town')
    await page.goto('/children')
    await page.locator('[data-test=child-link]').first().waitFor()
    const page1 = await page.locator('[data-test=child-link]').allTextContents()
    await page.locator('.el-pager li', { hasText: /^2$/ }).click()
    await page.waitForFunction(() => document.querySelector('.el-pager li.is-active')?.textContent === '2')
    await page.waitForLoadState('networkidle')
    const page2 = (await apiFromPage(page, 'GET', '/children?limit=10&offset=10')).body.items.map((c) => c.name)
    check('page 2 shows the next ten', (await page.locator('[data-test=child-link]').allTextContents()).join() === page2.join() && page1.join() !== page2.join())
    await page.locator('[data-test=filter-category]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '流动儿童' }).click()
    await page.locator('[data-test=search]').click()
    await page.waitForLoadState('networkidle')
    const expected = (await apiFromPage(page, 'GET', '/children?limit=1&category=migrant')).body.total
    await page.waitForFunction((n) => document.querySelector('.el-pagination__total')?.textContent.replace(/\D/g, '') === String(n), expected)
    const tags = await page.locator('[data-test=children-table] .el-table__body tr').evaluateAll((rows) => rows.map((r) => r.textContent))
    check('every row holds the category', tags.length > 0 && tags.every((t) => t.includes('流动儿童')), tags.length)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()])
    const file = join(WORK, 'export.xlsx')
    await download.saveAs(file)
    check('the export is named in Chinese', /^儿童台账_\d{8}\.xlsx$/.test(download.suggestedFilename()), download.suggestedFilename())
    const rows = sheetRows(file)
    check('the Excel file holds the filtered children (and a heading row)', rows === expected + 1, `${rows} rows for ${expected} children`)
    noProblems('filter and export', page)

    const before = (await apiFromPage(page, 'GET', '/children?limit=1')).body.total
    const f = importWithErrors(WORK)
    await page.locator('[data-test=import]').click()
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(f.path)
    await page.locator('[data-test=import-check]').click()
    await page.locator('[data-test=import-report]').waitFor()
    const listed = await page.locator('[data-test=import-problems] .el-table__body tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())))
    check('every problem is listed by row', JSON.stringify(listed.map((r) => Number(r[0]))) === JSON.stringify(f.badRows), JSON.stringify(listed))
    check('each with its column and message', listed.every((r) => r[1] && r[2]) && listed.map((r) => r[1]).join() === '公民身份号码,居住村(社区)代码,姓名,儿童类别', JSON.stringify(listed))
    const summaryText = await page.locator('[data-test=import-report] .el-alert').first().textContent()
    check('the check says nothing was written', summaryText.includes('尚未写入'), summaryText)
    const [rej] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-download-rejected]').click()])
    const rejFile = join(WORK, 'rejected.csv')
    await rej.saveAs(rejFile)
    const lines = readFileSync(rejFile, 'utf8').trim().split(/\r?\n/)
    check('the rejected rows download, with the reasons', lines.length === f.badRows.length + 1 && lines[0].includes('错误原因'), lines.join('\n'))
    check('import waits until problems are dealt with', await page.locator('[data-test=import-run]').isDisabled())
    await page.locator('[data-test=import-skip]').click()
    await page.locator('[data-test=import-run]').click()
    await page.locator('.el-message-box').waitFor()
    await page.locator('.el-message-box .el-button--primary').click()
    await page.getByText('导入完成').waitFor()
    const after = (await apiFromPage(page, 'GET', '/children?limit=1')).body.total
    check('the good row is imported', after === before + 1, `${before} -> ${after}`)
    noProblems('the import', page)
    await page.context().close()
  })

  await test('English is one click away, and stays', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.town')
    await page.goto('/children')
    await page.locator('[data-test=child-link]').first().waitFor()
    await page.locator('[data-test=lang-switch]').click()
    await page.getByText("Children's ledger").first().waitFor()
    const texts = await uiTexts(page)
    check('the page\'s own words are all English', uiOnly(texts).length === 0, uiOnly(texts).join(' | '))
    await page.reload()
    await page.locator('[data-test=child-link]').first().waitFor()
    check('the choice is remembered', uiOnly(await uiTexts(page)).length === 0, uiOnly(await uiTexts(page)).join(' | '))
    await page.goto('/children/new')
    await page.locator('input[data-test=f-id_number]').fill('441900201507081234')
    await page.locator('input[data-test=f-id_number]').blur()
    await page.getByText('The check character is wrong').waitFor()
    ok('form checks speak English')
    noProblems('English', page)
    // an error from the server comes back in English too
    const p2 = await newPage(DESKTOP)
    await p2.goto('/login')
    await p2.evaluate(() => localStorage.setItem('shouhu.lang', 'en'))
    await p2.reload()
    await p2.locator('#login-username').fill('demo.town')
    await p2.locator('#login-password').fill('wrong-password')
    await p2.locator('[data-test=login-submit]').click()
    const err = await p2.locator('[data-test=login-error]').textContent()
    check('the server\'s error is in English', err.length > 5 && !CJK.test(err), err)
    noProblems('English login', p2, [/status of 401/])
    await p2.context().close()
    await page.context().close()
  })

  await test('first login, lock-out and unlocking', async () => {
    const setup = await newPage(DESKTOP)
    await login(setup, 'demo.admin')
    const made = await apiFromPage(setup, 'POST', '/accounts', { username: 'ui.newcomer', role: 'village_director', area: '441900003001', password: 'Temp-Pass-2024' })
    check('an administrator creates an account with a temporary password', made.status === 201 || made.status === 200, JSON.stringify(made.body))
    await setup.context().close()
    const page = await newPage(DESKTOP)
    await login(page, 'ui.newcomer', 'Temp-Pass-2024')
    await page.waitForURL('**/password')
    ok('a temporary password leads to the password page')
    await page.locator('input[type=password]').nth(0).fill('Temp-Pass-2024')
    await page.locator('input[type=password]').nth(1).fill('short')
    await page.locator('input[type=password]').nth(2).fill('short')
    await page.locator('[data-test=password-submit]').click()
    await page.getByText('密码至少 8 个字符').waitFor()
    ok('a weak password is refused as it is typed')
    await page.locator('input[type=password]').nth(1).fill('My-New-Pass-9')
    await page.locator('input[type=password]').nth(2).fill('My-New-Pass-9')
    await page.locator('[data-test=password-submit]').click()
    await page.waitForURL((u) => u.pathname === '/')
    ok('the new password opens the home page')
    noProblems('first login', page)
    await page.context().close()

    const p = await newPage(DESKTOP)
    await p.goto('/login')
    for (let i = 0; i < 5; i++) {
      await p.locator('#login-username').fill('demo.partner')
      await p.locator('#login-password').fill('Wrong-Pass-' + i)
      await p.locator('[data-test=login-submit]').click()
      await p.locator('[data-test=login-error]').waitFor()
    }
    await p.locator('#login-password').fill('Shouhu-Demo-1')
    await p.locator('[data-test=login-submit]').click()
    await p.waitForTimeout(500)
    check('after 5 failures even the right password is refused', new URL(p.url()).pathname === '/login')
    noProblems('lock-out', p, [/status of 401/])
    await p.context().close()

    const admin = await newPage(DESKTOP)
    await login(admin, 'demo.admin')
    const menu = await admin.locator('.sidebar-container').textContent()
    check('the administrator\'s menu has 系统管理 and no children', menu.includes('系统管理') && !menu.includes('儿童台账'), menu)
    await admin.goto('/system/accounts')
    const row = admin.locator('.el-table__body tr', { hasText: 'demo.partner' }).first()
    await row.waitFor()
    check('the locked account shows as locked', (await row.textContent()).includes('已锁定'))
    await admin.locator('.el-table__fixed-right .el-table__body tr, .el-table__body tr', { hasText: 'demo.partner' }).getByText('解锁').first().click()
    await admin.locator('.el-message-box .el-button--primary').click()
    await admin.getByText('解锁成功').waitFor()
    noProblems('accounts', admin)
    await admin.context().close()
    const again = await newPage(DESKTOP)
    await login(again, 'demo.partner')
    ok('once unlocked, the account logs in')
    await again.goto('/children')
    await again.getByText('暂无数据').waitFor()
    ok('a partner sees no children until some are referred to its unit')
    noProblems('partner', again)
    await again.context().close()
  })

  await test('the auditor reads the audit trail', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.auditor')
    await page.goto('/logs/audit')
    await page.locator('[data-test=audit-table] .el-table__body tr').first().waitFor()
    const text = await page.locator('[data-test=audit-table]').textContent()
    check('the trail lists the logins', text.includes('登录'), text.slice(0, 300))
    await page.locator('.search-form .el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^修改档案$/ }).click()
    await page.locator('.search-form button[type=submit]').click()
    await page.waitForLoadState('networkidle')
    const actions = await page.locator('[data-test=audit-table] .el-table__body tr .el-tag').allTextContents()
    check('searched by action, it lists the edits', actions.includes('修改档案') && actions.every((a) => a === '修改档案' || a === '成功' || a === '失败'), actions.join())
    noProblems('audit', page)
    await page.context().close()
  })

  await test('idle time-out logs out by itself', async () => {
    const page = await newPage(DESKTOP, IDLE_BASE)
    await login(page, 'demo.village')
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('reason') === 'idle', { timeout: 30000 })
    await page.getByText('由于长时间未操作').waitFor()
    ok('after the server\'s idle time the UI returns to the login page')
    const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status))
    check('and the session is over on the server too', me === 401)
    noProblems('idle time-out', page, [/status of 401/])
    await page.context().close()
  })

  await test('a phone-sized screen', async () => {
    const page = await newPage(PHONE)
    await login(page, 'demo.village')
    await page.waitForTimeout(300)
    const box = await page.locator('.sidebar-container').boundingBox()
    check('the menu is hidden on a phone', !box || box.x + box.width <= 0, JSON.stringify(box))
    await page.locator('.hamburger').click()
    await page.locator('.el-menu-item', { hasText: '儿童台账' }).click()
    await page.waitForURL('**/children')
    await page.locator('[data-test=child-link]').first().waitFor()
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    check('the page does not scroll sideways', wide <= 390 + 1, wide)
    noProblems('phone', page)
    await page.context().close()
  })

  await test('every input has a label', async () => {
    const page = await newPage(DESKTOP)
    await login(page, 'demo.town')
    for (const path of ['/children', '/children/new']) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea')].filter((e) => e.type !== 'hidden' && e.type !== 'file' && e.offsetParent !== null).filter((e) => {
          if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.closest('label')) return false
          return !(e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`))
        }).map((e) => e.outerHTML.slice(0, 120)))
      check(`${path}: every input has a label`, unlabelled.length === 0, unlabelled.join('\n'))
    }
    noProblems('labels', page)
    await page.context().close()
  })

  // Each feature's browser tests: tests/ui/scenarios_<feature>.mjs exports a
  // default async function that calls test() from lib.mjs.
  for (const f of readdirSync(new URL('.', import.meta.url)).filter((n) => /^scenarios_.+\.mjs$/.test(n)).sort()) {
    const mod = await import(new URL(f, import.meta.url))
    await mod.default()
  }
} catch (e) {
  fail('the browser tests', e && e.stack)
} finally {
  await close()
}
process.exit(summary() ? 0 : 1)
