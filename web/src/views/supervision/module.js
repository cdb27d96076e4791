// 督查督办 / Supervision (issue #7): the dashboards, the overdue list, coverage
// gaps and data quality. Gathered by web/src/features.js.
import { DataAnalysis } from '@element-plus/icons-vue'

const meta = (title, perm) => ({ title, perm, section: 'sv.menu' })

export default {
  routes: [
    { path: 'supervision/dashboard', name: 'sv-dashboard', component: () => import('./Dashboard.vue'), meta: meta('sv.dashboard', 'stats:read') },
    { path: 'supervision/overdue', name: 'sv-overdue', component: () => import('./Overdue.vue'), meta: meta('sv.overdue', 'supervision:read') },
    { path: 'supervision/coverage-gaps', name: 'sv-gaps', component: () => import('./CoverageGaps.vue'), meta: meta('sv.gaps', 'supervision:read') },
    { path: 'supervision/data-quality', name: 'sv-quality', component: () => import('./DataQuality.vue'), meta: meta('sv.quality', 'supervision:read') },
  ],
  menu: {
    key: 'supervision',
    title: 'sv.menu',
    icon: DataAnalysis,
    order: 40,
    children: [
      { path: '/supervision/dashboard', title: 'sv.dashboard', perm: 'stats:read' },
      { path: '/supervision/overdue', title: 'sv.overdue', perm: 'supervision:read' },
      { path: '/supervision/coverage-gaps', title: 'sv.gaps', perm: 'supervision:read' },
      { path: '/supervision/data-quality', title: 'sv.quality', perm: 'supervision:read' },
    ],
  },
}
