// Who is logged in: the account, its role, permissions and area (from
// GET /api/v1/me, which also gives a reloaded page its CSRF token back),
// the code tables, and the idle time-out: after as long without use as the
// server allows (idle_seconds), the UI logs out by itself. While the person
// is working (typing a long form) it keeps the server's session alive.
import { reactive } from 'vue'
import { api, setActivityHandler, setCsrf } from './api'
import { locale } from './i18n'

export const session = reactive({
  me: null,            // GET /me's answer
  permissions: new Set(),
  codes: null,         // GET /codes
  idleSeconds: 1800,
})

export function can(perm) {
  return session.permissions.has(perm)
}

export function roleTitle() {
  const r = session.me && session.me.role
  if (!r) return ''
  return locale.value === 'en' ? r.title_en.charAt(0).toUpperCase() + r.title_en.slice(1) : r.title_zh
}

// The label of CODE in the code table TABLE, in the page's language.
export function codeLabel(table, code) {
  if (code === undefined || code === null || code === '') return ''
  const list = session.codes && session.codes[table]
  const e = list && list.find((x) => x.code === code)
  if (!e) return String(code)
  return locale.value === 'en' ? e.en.charAt(0).toUpperCase() + e.en.slice(1) : e.zh
}

export function codeOptions(table) {
  const list = (session.codes && session.codes[table]) || []
  return list.map((e) => ({ value: e.code, label: codeLabel(table, e.code) }))
}

function applyMe(me) {
  session.me = me
  session.permissions = new Set(me.permissions || [])
  if (me.csrf_token) setCsrf(me.csrf_token)
  if (me.idle_seconds) session.idleSeconds = me.idle_seconds
}

// Loads the account (and the code tables once); null when nobody is logged in.
export async function loadMe() {
  // without a session marker there is no session to ask about (the cookie
  // itself is HttpOnly): the login page then opens without a failing request
  if (!localStorage.getItem('shouhu.session')) return null
  try {
    const me = await api.get('/me', null, { quiet401: true })
    applyMe(me)
    if (!session.codes && !me.user.must_change_password) session.codes = await api.get('/codes')
    startIdleWatch()
    return me
  } catch (e) {
    if (e.status === 401) {
      localStorage.removeItem('shouhu.session')
      return null
    }
    throw e
  }
}

export async function login(username, password) {
  const r = await api.post('/session', { username, password })
  setCsrf(r.csrf_token)
  localStorage.setItem('shouhu.session', '1')
  return loadMe()
}

export async function logout() {
  stopIdleWatch()
  try {
    await api.del('/session', { quiet401: true })
  } catch (e) {
    /* already ended */
  }
  clearSession()
}

export function clearSession() {
  stopIdleWatch()
  localStorage.removeItem('shouhu.session')
  session.me = null
  session.permissions = new Set()
  setCsrf(null)
}

// ---- idle time-out ----
let lastUse = Date.now()
let lastServer = Date.now()
let timer = null
let onIdle = () => {}
const EVENTS = ['mousedown', 'keydown', 'touchstart', 'wheel']

export function setIdleHandler(fn) {
  onIdle = fn
}

function used() {
  lastUse = Date.now()
  // someone is working but has not reached the server for a quarter of the limit: keep the session
  if (session.me && Date.now() - lastServer > (session.idleSeconds * 1000) / 4) {
    lastServer = Date.now()
    api.get('/me', null).catch(() => {})
  }
}

setActivityHandler(() => {
  lastServer = Date.now()
})

function startIdleWatch() {
  lastUse = Date.now()
  lastServer = Date.now()
  if (timer) return
  EVENTS.forEach((e) => window.addEventListener(e, used, { passive: true }))
  timer = setInterval(() => {
    if (session.me && Date.now() - lastUse >= session.idleSeconds * 1000) onIdle()
  }, 5000)
}

function stopIdleWatch() {
  if (timer) clearInterval(timer)
  timer = null
  EVENTS.forEach((e) => window.removeEventListener(e, used))
}
