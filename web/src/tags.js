// The tabs of opened pages (页签): 首页 stays; each other page opened gets a
// tab until closed. A page whose route sets meta.keepAlive (its component's
// name, as <keep-alive :include> matches it) is kept alive while its tab is
// open, so a list's search survives switching tabs.
import { reactive } from 'vue'

export const tags = reactive({ list: [], cached: [] })

export function openTag(route) {
  if (route.meta.public || route.name === 'not-found') return
  const existing = tags.list.find((x) => x.path === route.path)
  if (existing) {
    existing.fullPath = route.fullPath
    return
  }
  const keep = route.meta.keepAlive || null
  tags.list.push({ path: route.path, fullPath: route.fullPath, name: route.name, titleKey: route.meta.title, title: null, affix: !!route.meta.affix, keep })
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
  if (tag.keep && !tags.list.some((x) => x.keep === tag.keep)) tags.cached = tags.cached.filter((n) => n !== tag.keep)
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
