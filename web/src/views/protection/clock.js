// Times as the server speaks them: ISO 8601 in Asia/Shanghai
// ("2026-11-29T09:05:00+08:00"), whatever the browser's own time zone.
const SHANGHAI_MS = 8 * 3600 * 1000

// Now in Asia/Shanghai, to the second: "2026-11-29T09:05:00+08:00".
export function shanghaiNow() {
  return new Date(Date.now() + SHANGHAI_MS).toISOString().slice(0, 19) + '+08:00'
}

// Today's date in Asia/Shanghai: "2026-11-29" (format.js's, for the whole UI).
export { today as shanghaiToday } from '../../format'

// A date picker's "2026-11-29T09:05:00" as the API's time (Shanghai), or undefined.
export function withZone(local) {
  return local ? `${local}+08:00` : undefined
}

// The day a date picker's cell stands for ("2026-11-29"): the picker gives
// local midnight, which toISOString() would move to the day before east of UTC.
export function pickerDay(d) {
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
