// 福利保障 / Allowances (issue #5): the pages and the menu entry, gathered by
// web/src/features.js. Each page needs allowance:read; the steps on them
// (apply, verify, confirm, generate, submit, approve...) check their own
// permission, and the server checks them again.
import { Wallet } from '@element-plus/icons-vue'

const section = 'nav.allowances'
const page = (path, name, file, title, extra = {}) => ({
  path, name, component: file, meta: { title, perm: 'allowance:read', section, ...extra },
})

export default {
  routes: [
    page('allowances/queue', 'allow-queue', () => import('./Queue.vue'), 'nav.allowQueue'),
    page('allowances/payrolls', 'allow-payrolls', () => import('./Payrolls.vue'), 'nav.allowPayrolls'),
    page('allowances/payrolls/:id(\\d+)', 'allow-payroll', () => import('./PayrollDetail.vue'), 'nav.allowPayroll', { parent: '/allowances/payrolls', parentTitle: 'nav.allowPayrolls' }),
    page('allowances/standards', 'allow-standards', () => import('./Standards.vue'), 'nav.allowStandards'),
    page('allowances/aid', 'allow-aid', () => import('./Aid.vue'), 'nav.allowAid'),
    page('allowances/adult-orphans', 'allow-adult-orphans', () => import('./AdultOrphans.vue'), 'nav.allowAdultOrphans'),
    page('allowances/settings', 'allow-settings', () => import('./Settings.vue'), 'nav.allowSettings'),
  ],
  menu: {
    key: 'allowances',
    title: 'nav.allowances',
    icon: Wallet,
    order: 15,
    children: [
      { path: '/allowances/queue', title: 'nav.allowQueue', perm: 'allowance:read' },
      { path: '/allowances/payrolls', title: 'nav.allowPayrolls', perm: 'allowance:read' },
      { path: '/allowances/standards', title: 'nav.allowStandards', perm: 'allowance:read' },
      { path: '/allowances/aid', title: 'nav.allowAid', perm: 'allowance:read' },
      { path: '/allowances/adult-orphans', title: 'nav.allowAdultOrphans', perm: 'allowance:read' },
      { path: '/allowances/settings', title: 'nav.allowSettings', perm: 'allowance:read' },
    ],
  },
}
