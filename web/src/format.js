// How dates, times, money and ages are written: 2023-01-31, 2023-01-31 09:30:00,
// ¥2,017.00, and ages from a birth date as of today.

export function fmtDate(s) {
  return s ? String(s).slice(0, 10) : ''
}

// "2024-05-01T09:30:00+08:00" -> "2024-05-01 09:30:00" (already in Asia/Shanghai)
export function fmtTime(s) {
  if (!s) return ''
  return String(s).replace('T', ' ').replace(/([+-]\d\d:\d\d|Z)$/, '').slice(0, 19)
}

export function fmtMoney(fen) {
  const yuan = Number(fen || 0) / 100
  return '¥' + yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

export function fmtCount(n) {
  return Number(n || 0).toLocaleString('en-US')
}

// Today's date in Asia/Shanghai ("2026-11-29"), the city's day, as the
// server counts it: not the browser's own, which in another time zone (a
// machine left on UTC) is the day before for eight hours of every day, so
// that a dashboard asked for yesterday's figures.
export function today() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

export function ageOf(birth, asOf = today()) {
  if (!birth) return null
  const [y, m, d] = birth.split('-').map(Number)
  const [ty, tm, td] = asOf.split('-').map(Number)
  let age = ty - y
  if (tm < m || (tm === m && td < d)) age--
  return age
}
