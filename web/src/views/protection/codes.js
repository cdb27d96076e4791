// The protection code tables (sectors, the nine triggers, case statuses,
// risk levels, units...) from GET /api/v1/protection/codes, asked for once
// per session and shared by every protection page; labels follow the page's
// language like the ledger's codes (session.js codeLabel).
import { reactive } from 'vue'
import { api, showError } from '../../api'
import { locale } from '../../i18n'

export const pcodes = reactive({ tables: null })
let loading = null

// Loads the tables once; every page awaits this before showing its forms.
export function loadProtectionCodes() {
  if (pcodes.tables) return Promise.resolve(pcodes.tables)
  if (!loading) {
    loading = api.get('/protection/codes').then((r) => (pcodes.tables = r)).catch((e) => {
      loading = null
      showError(e)
      return {}
    })
  }
  return loading
}

function entryLabel(e) {
  return locale.value === 'en' ? e.en.charAt(0).toUpperCase() + e.en.slice(1) : e.zh
}

// The label of CODE in the protection table TABLE, in the page's language.
export function pLabel(table, code) {
  if (code === undefined || code === null || code === '') return ''
  const list = pcodes.tables && pcodes.tables[table]
  const e = list && list.find((x) => x.code === code)
  return e ? entryLabel(e) : String(code)
}

// [{value, label}] of TABLE, for selects, radios and checkboxes.
export function pOptions(table) {
  const list = (pcodes.tables && pcodes.tables[table]) || []
  return list.map((e) => ({ value: e.code, label: entryLabel(e) }))
}

// Tag colours: red only for what blocks or harms, orange for what waits, green for done.
const STYLES = {
  case_status: { reported: 'warning', assessed: 'primary', planned: 'primary', in_service: 'primary', review: 'primary', closed: 'success' },
  risk: { low: 'info', medium: 'warning', high: 'danger', critical: 'danger' },
  referral_status: { pending: 'warning', accepted: 'primary', declined: 'danger', done: 'success' },
  care: { good: 'success', fair: 'warning', poor: 'danger' },
}
export function pStyle(table, code) {
  return (STYLES[table] && STYLES[table][code]) || 'info'
}
