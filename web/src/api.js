// The one place that talks to the server: every page calls the public JSON
// API (/api/v1) through here, so whatever a person does on a page a script
// can do too, under the same rules. It sends the CSRF token on every change
// and Accept-Language so that errors come back in the page's language; it
// turns application/problem+json into an ApiError that forms can show field
// by field, and sends the browser back to the login page on a 401.
import { ElMessage } from 'element-plus'
import { locale, t } from './i18n'

let csrfToken = null
let onUnauthorized = () => {}
let onActivity = () => {}

export function setCsrf(token) {
  csrfToken = token || null
}
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}
export function setActivityHandler(fn) {
  onActivity = fn
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem
    this.code = (problem.type || '').split(':').pop()
    this.title = problem.title || ''
    this.detail = problem.detail || ''
    this.errors = problem.errors || []
  }
  // {field: message} for a form's el-form-item :error
  fieldErrors() {
    const out = {}
    for (const e of this.errors) if (!(e.field in out)) out[e.field] = e.message
    return out
  }
}

function queryString(query) {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.append(k, String(v))
  const s = p.toString()
  return s ? '?' + s : ''
}

export function apiUrl(path, query) {
  return '/api/v1' + path + queryString(query)
}

// request('GET', '/children', {query}) -> the parsed JSON (and .etag)
// options: query, json (a body to send as JSON), body + contentType (a file),
// headers, blob (answer a Blob with its file name), quiet401 (no redirect)
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': locale.value === 'en' ? 'en' : 'zh-CN', ...(opts.headers || {}) }
  let body
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.json)
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = opts.contentType || 'application/octet-stream'
    body = opts.body
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin', cache: 'no-store' })
  } catch (e) {
    throw new ApiError(0, { title: t('error.network'), detail: t('error.network') })
  }
  onActivity()
  if (!res.ok) {
    let problem
    try {
      problem = await res.json()
    } catch (e) {
      problem = { title: t('error.unknown'), detail: `HTTP ${res.status}` }
    }
    const err = new ApiError(res.status, problem)
    if (res.status === 401 && path !== '/session' && !opts.quiet401) onUnauthorized(err)
    err.etag = res.headers.get('ETag')
    throw err
  }
  if (opts.blob) {
    const cd = res.headers.get('Content-Disposition') || ''
    const m = cd.match(/filename="([^"]+)"/)
    return res.status === 204 ? null : { blob: await res.blob(), filename: m ? m[1] : 'download' }
  }
  if (res.status === 204) return null
  const data = await res.json()
  const etag = res.headers.get('ETag')
  if (etag && data && typeof data === 'object') Object.defineProperty(data, 'etag', { value: etag, enumerable: false })
  return data
}

export const api = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  post: (path, json, opts) => request('POST', path, { ...opts, json }),
  put: (path, json, opts) => request('PUT', path, { ...opts, json }),
  patch: (path, json, opts) => request('PATCH', path, { ...opts, json }),
  del: (path, opts) => request('DELETE', path, opts),
}

// Shows an error as a red message; 401 is handled by the login redirect.
export function showError(err) {
  if (err && err.status === 401) return
  let text
  if (!(err instanceof ApiError)) text = t('error.unknown')
  else if (err.status === 403 && err.code === 'no_permission') text = t('error.forbidden')
  else if (err.errors.length) text = err.errors.map((e) => e.message).join('；')
  else text = err.detail || err.title
  ElMessage({ type: 'error', message: text, showClose: true, duration: 5000 })
}

// Saves BLOB as FILENAME through a temporary link (no inline script needed).
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
