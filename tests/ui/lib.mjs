// Helpers of the browser tests: Debian's chromium through playwright-core
// (never a downloaded browser), a fresh profile each time, every console
// error, page error, failed request and CSP violation collected, and
// "ok NAME" / "FAIL NAME" lines counted into "ui: N passed, N failed".
import { tmpdir } from 'node:os'
import { chromium } from 'playwright-core'

export const BASE = process.env.SHOUHU_UI_URL
export const IDLE_BASE = process.env.SHOUHU_UI_IDLE_URL
export const WORK = process.env.SHOUHU_UI_WORK || tmpdir()
export const DEMO_PASSWORD = 'Shouhu-Demo-1'
export const DESKTOP = { width: 1366, height: 768 }
export const PHONE = { width: 390, height: 844 }

let passed = 0
let failed = 0

export function ok(name) {
  passed++
  console.log(`ok   ${name}`)
}
export function fail(name, why) {
  failed++
  console.log(`FAIL ${name}${why ? '\n     ' + String(why).split('\n').slice(0, 12).join('\n     ') : ''}`)
}
export function check(name, cond, why) {
  if (cond) ok(name)
  else fail(name, why)
}
export function summary() {
  console.log(`ui: ${passed} passed, ${failed} failed`)
  return failed === 0
}

// Runs FN as one test; an exception fails it (with a screenshot kept in WORK for the log).
export async function test(name, fn) {
  try {
    await fn()
  } catch (e) {
    fail(name, e && e.stack ? e.stack : e)
  }
}

let browser = null

export async function launch() {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    // a fresh profile: playwright gives each launch its own new --user-data-dir (it refuses one passed here)
  })
  return browser
}

export async function close() {
  if (browser) await browser.close()
}

// A new page with its own cookies; page.problems lists what went wrong in
// the browser (console errors, uncaught exceptions, failed requests, CSP).
export async function newPage(viewport = DESKTOP, base = BASE, more = {}) {
  const context = await browser.newContext({ viewport, baseURL: base, acceptDownloads: true, locale: 'zh-CN', ...more })
  const page = await context.newPage()
  page.problems = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning' && /Content Security Policy|\[Vue warn\]/.test(m.text())) page.problems.push(`console ${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    const why = r.failure() ? r.failure().errorText : ''
    if (!/ERR_ABORTED/.test(why)) page.problems.push(`request failed: ${r.url()} ${why}`)
  })
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) page.problems.push(`request outside the server: ${r.url()}`)
  })
  return page
}

// The problems of PAGE so far that are not expected (EXPECTED: regexps), and forgets them.
export function problems(page, expected = []) {
  const out = page.problems.filter((p) => !expected.some((re) => re.test(p)))
  page.problems = []
  return out
}

export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.locator('#login-username').fill(username)
  await page.locator('#login-password').fill(password)
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 10000 })
  await page.locator('.app-main').waitFor()
}

// Calls the API from the page (its cookie and CSRF token), as the UI does.
export async function apiFromPage(page, method, path, body, headers = {}) {
  return page.evaluate(async ({ method, path, body, headers }) => {
    const me = await (await fetch('/api/v1/me')).json()
    const h = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token, ...headers }
    const r = await fetch('/api/v1' + path, { method, headers: h, body: body ? JSON.stringify(body) : undefined })
    return { status: r.status, body: await r.json().catch(() => null), etag: r.headers.get('ETag') }
  }, { method, path, body, headers })
}

// The text content of every visible element that is the UI's own (labels,
// buttons, headers), to check that a page is in one language. The language
// switch is left out: it names the other language in that language.
export async function uiTexts(page) {
  return page.evaluate(() => {
    const sel = '.el-menu-item, .el-sub-menu__title, .el-breadcrumb__inner, .el-form-item__label, .el-button > span, th .cell, .el-pagination, .tags-item, .el-tabs__item, .card-header, .el-descriptions__title, .el-descriptions__label, h1, h2'
    return [...document.querySelectorAll(sel)].filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()).filter(Boolean)
  })
}
