// What the rescue centre's pages share: how a child in care is named, and
// which of an admission's deadlines comes next.
import { t } from '../../i18n'

// The record's name, or the name given on arrival, or "身份不明儿童（约8岁）".
export function childTitle(a) {
  if (a.name) return a.name
  return t('rescue.unidentifiedChild', { n: a.apparent_age ?? '?' })
}

// The first deadline still open (overdue before pending), or null.
export function nextDeadline(a) {
  const open = (a.deadlines || []).filter((d) => d.state === 'overdue' || d.state === 'pending')
  return open.find((d) => d.state === 'overdue') || open[0] || null
}
