// The tabs of opened pages (页签): 首页 stays; each other page opened gets a
// tab until closed. List pages are kept alive while their tab is open, so a
// search survives switching tabs.
import { reactive } from 'vue'

export const tags = reactive({ list: [], cached: [] })

const KEEP = { children: 'ChildrenList', accounts: 'Accounts', audit: 'Audit' }

export function openTag(route) {
  if (route.meta.public || route.name === 'not-found') return
  const existing = tags.list.find((x) => x.path === route.path)
  if (existing) {
    existing.fullPath = route.fullPath
    return
  }
  tags.list.push({ path: route.path, fullPath: route.fullPath, name: route.name, titleKey: route.meta.title, title: null, affix: !!route.meta.affix })
  const keep = KEEP[route.name]
  if (keep && !tags.cached.includes(keep)) tags.cached.push(keep)
}

// A page names its own tab (a child's name instead of 儿童档案).
export function setTagTitle(path, title) {
  const tag = tags.list.find((x) => x.path === path)
  if (tag) tag.title = title
}

export function closeTag(path) {
  const i = tags.list.findIndex((x) => x.path === path)
  if (i < 0 || tags.list[i].affix) return null
  const [tag] = tags.list.splice(i, 1)
  const keep = KEEP[tag.name]
  if (keep) tags.cached = tags.cached.filter((n) => n !== keep)
  return tags.list[Math.min(i, tags.list.length - 1)] || null
}

export function closeOthers(path) {
  for (const tag of [...tags.list]) if (tag.path !== path && !tag.affix) closeTag(tag.path)
}

export function closeAll() {
  for (const tag of [...tags.list]) if (!tag.affix) closeTag(tag.path)
}

export function resetTags() {
  tags.list = []
  tags.cached = []
}
