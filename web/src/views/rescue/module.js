// The rescue centre's pages (救助保护, issue #6): the board of the children
// here now, the admission form, an admission's page with its timeline.
// The admission's page names the board as its parent (breadcrumb, menu
// highlight); the board keeps its state while its tab is open (meta.keepAlive).
import { FirstAidKit } from '@element-plus/icons-vue'

export default {
  routes: [
    { path: 'rescue', name: 'rescue-board', component: () => import('./RescueBoard.vue'), meta: { title: 'nav.rescueBoard', perm: 'rescue:read', section: 'nav.rescue', keepAlive: 'RescueBoard' } },
    { path: 'rescue/new', name: 'admission-new', component: () => import('./AdmissionNew.vue'), meta: { title: 'nav.admissionNew', perm: 'rescue:write', section: 'nav.rescue' } },
    { path: 'rescue/:id(\\d+)', name: 'admission', component: () => import('./AdmissionDetail.vue'), meta: { title: 'nav.admissionDetail', perm: 'rescue:read', section: 'nav.rescue', parent: '/rescue', parentTitle: 'nav.rescueBoard' } },
  ],
  menu: {
    key: 'rescue',
    title: 'nav.rescue',
    icon: FirstAidKit,
    order: 30,
    children: [
      { path: '/rescue', title: 'nav.rescueBoard', perm: 'rescue:read' },
      { path: '/rescue/new', title: 'nav.admissionNew', perm: 'rescue:write' },
    ],
  },
}
