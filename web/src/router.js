// The UI's pages. meta.title names a page in the tabs and the breadcrumb,
// meta.perm is the permission it needs (the menu shows only what the role
// may open; the server enforces the same rules whatever the menu shows),
// meta.parent keeps a hidden detail page's menu item highlighted (the
// breadcrumb names it by meta.parentTitle, else by the parent page's title),
// meta.keepAlive (the component's name) keeps a list's search across tabs.
import { createRouter, createWebHistory } from 'vue-router'
import { can, loadMe, session } from './session'
import Layout from './layout/Layout.vue'
import Login from './views/Login.vue'
import { featureRoutes } from './features'

const routes = [
  { path: '/login', name: 'login', component: Login, meta: { public: true, title: 'login.submit' } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: () => import('./views/Home.vue'), meta: { title: 'nav.home', affix: true } },
      { path: 'password', name: 'password', component: () => import('./views/Password.vue'), meta: { title: 'nav.password', pending: true } },
      { path: 'children', name: 'children', component: () => import('./views/children/ChildrenList.vue'), meta: { title: 'nav.childrenList', perm: 'child:read', section: 'nav.children', keepAlive: 'ChildrenList' } },
      { path: 'children/new', name: 'child-new', component: () => import('./views/children/ChildEdit.vue'), meta: { title: 'nav.childNew', perm: 'child:write', section: 'nav.children', parent: '/children' } },
      { path: 'children/:id(\\d+)', name: 'child', component: () => import('./views/children/ChildDetail.vue'), meta: { title: 'nav.childDetail', perm: 'child:read', section: 'nav.children', parent: '/children' } },
      { path: 'children/:id(\\d+)/edit', name: 'child-edit', component: () => import('./views/children/ChildEdit.vue'), meta: { title: 'nav.childEdit', perm: 'child:write', section: 'nav.children', parent: '/children' } },
      { path: 'system/accounts', name: 'accounts', component: () => import('./views/system/Accounts.vue'), meta: { title: 'nav.accounts', perm: 'account:read', section: 'nav.system', keepAlive: 'Accounts' } },
      { path: 'system/roles', name: 'roles', component: () => import('./views/system/Roles.vue'), meta: { title: 'nav.roles', perm: 'account:read', section: 'nav.system' } },
      { path: 'system/areas', name: 'areas', component: () => import('./views/system/Areas.vue'), meta: { title: 'nav.areas', perm: 'account:read', section: 'nav.system' } },
      { path: 'logs/audit', name: 'audit', component: () => import('./views/system/Audit.vue'), meta: { title: 'nav.audit', perm: 'audit:read', section: 'nav.logs', keepAlive: 'Audit' } },
      ...featureRoutes, // each feature's pages (features.js)
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue'), meta: { title: 'nav.notFound' } },
    ],
  },
]

const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.me) {
    const me = await loadMe().catch(() => null)
    if (!me) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (session.me.user.must_change_password && to.name !== 'password') return { name: 'password' }
  if (to.meta.perm && !can(to.meta.perm)) return { name: 'home' }
  return true
})

export default router
