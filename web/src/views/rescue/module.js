// The rescue centre's pages (救助保护, issue #6): the board of the children
// here now, the admission form, an admission's page with its timeline.
// (The admission's page sets no meta.parent: the breadcrumb names every
// parent 儿童信息 for now, layout/Navbar.vue.)
import { FirstAidKit } from '@element-plus/icons-vue'

export default {
  routes: [
    { path: 'rescue', name: 'rescue-board', component: () => import('./RescueBoard.vue'), meta: { title: 'nav.rescueBoard', perm: 'rescue:read', section: 'nav.rescue' } },
    { path: 'rescue/new', name: 'admission-new', component: () => import('./AdmissionNew.vue'), meta: { title: 'nav.admissionNew', perm: 'rescue:write', section: 'nav.rescue' } },
    { path: 'rescue/:id(\\d+)', name: 'admission', component: () => import('./AdmissionDetail.vue'), meta: { title: 'nav.admissionDetail', perm: 'rescue:read', section: 'nav.rescue' } },
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
