// What the allowance pages share: money as the API sends it (a string of
// yuan, "2017.00") written with separators, never through a float; the
// month of today; the tag colour of each state; and a reason asked for in a
// labelled dialog (refusals, returns, voids all need one).
import { today } from '../../format'

// "12345.60" -> "¥12,345.60"; "-100.00" -> "-¥100.00"
export function fmtYuan(s) {
  if (s === null || s === undefined || s === '') return ''
  const str = String(s)
  const neg = str.startsWith('-')
  const [int, dec = '00'] = (neg ? str.slice(1) : str).split('.')
  return (neg ? '-' : '') + '¥' + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + dec
}

export function thisMonth() {
  return today().slice(0, 7)
}

// A well-formed amount of yuan, as the server parses it (optionally signed)
export const YUAN = /^[0-9]{1,12}(\.[0-9]{1,2})?$/
export const SIGNED_YUAN = /^-?[0-9]{1,12}(\.[0-9]{1,2})?$/

const TAGS = {
  payroll_status: { draft: 'warning', submitted: 'primary', approved: 'primary', locked: 'success', discarded: 'info' },
  flow_status: { applied: 'warning', verified: 'warning', confirmed: 'success', refused: 'danger' },
  part: { draft: 'warning', submitted: 'success' },
  state: { yes: 'success', no: 'info', unknown: 'warning' },
}
export function tagType(table, value) {
  return (TAGS[table] && TAGS[table][value]) || 'info'
}

// The basic-living categories, the only ones with standards and payrolls
export const BASIC_LIVING = ['orphan_institution', 'orphan_scattered', 'de_facto_unsupported', 'hiv']
