// Monthly reports (总结上报, issue #7): the month's reports of my area and
// one report with its figures, the areas below it, and its workflow; and
// the workforce and activities (队伍与活动) whose counts the reports carry.
import { DataAnalysis } from '@element-plus/icons-vue'

export default {
  routes: [
    { path: 'reports/monthly', name: 'monthly-reports', component: () => import('./MonthlyReports.vue'), meta: { title: 'monthly.nav.list', perm: 'monthly:read', section: 'monthly.nav.section' } },
    { path: 'reports/workforce', name: 'workforce', component: () => import('./Workforce.vue'), meta: { title: 'workforce.nav', perm: 'workforce:read', section: 'monthly.nav.section' } },
    { path: 'reports/monthly/:id(\\d+)', name: 'monthly-report', component: () => import('./MonthlyReport.vue'), meta: { title: 'monthly.nav.detail', perm: 'monthly:read', section: 'monthly.nav.section', parent: '/reports/monthly' } },
  ],
  menu: {
    key: 'reports',
    title: 'monthly.nav.section',
    icon: DataAnalysis,
    order: 50,
    children: [
      { path: '/reports/monthly', title: 'monthly.nav.list', perm: 'monthly:read' },
      { path: '/reports/workforce', title: 'workforce.nav', perm: 'workforce:read' },
    ],
  },
}
