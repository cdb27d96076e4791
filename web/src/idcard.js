// Resident ID numbers (GB 11643-1999), checked as the user types: 18
// characters, a real birth date not in the future, and the ISO 7064
// MOD 11-2 check character. The server checks the same and more
// (provinces); this only saves a round trip.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECKS = '10X98765432'

export function normalizeId(s) {
  return String(s || '')
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[xｘＸ]$/, 'X')
}

function validDate(y, m, d) {
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

// {ok: true, birth, sex} or {ok: false, problem: 'format'|'date'|'checksum', expected}
export function checkId(raw, todayIso) {
  const s = normalizeId(raw)
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, problem: 'format' }
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14)
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`
  if (!validDate(y, m, d) || y < 1900 || (todayIso && birth > todayIso)) return { ok: false, problem: 'date' }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]
  const expected = CHECKS[sum % 11]
  if (s[17] !== expected) return { ok: false, problem: 'checksum', expected }
  return { ok: true, birth, sex: Number(s[16]) % 2 ? 'male' : 'female', value: s }
}

// Masked numbers from the server look like 4419**********001X: not to be checked or sent back.
export function isMasked(s) {
  return typeof s === 'string' && s.includes('*')
}
