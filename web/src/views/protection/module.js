// 保护个案 (issue #6): the hotline desk, mandatory-report intake, the case
// list and a case's page, a partner unit's referral inbox, and the visits
// due for a village director. Gathered by web/src/features.js.
import { Warning } from '@element-plus/icons-vue'

const section = 'nav.prot.protection'
const page = (path, name, file, title, perm, extra = {}) => ({ path, name, component: file, meta: { title, perm, section, ...extra } })

export default {
  routes: [
    page('protection/hotline', 'prot-hotline', () => import('./HotlineDesk.vue'), 'nav.prot.hotline', 'hotline:write'),
    page('protection/reports/new', 'prot-report', () => import('./ReportIntake.vue'), 'nav.prot.reportNew', 'protect:report'),
    // meta.keepAlive (the component's name): the list keeps its search while its tab is open (tags.js)
    page('protection/cases', 'prot-cases', () => import('./CaseList.vue'), 'nav.prot.cases', 'case:read', { keepAlive: 'ProtCaseList' }),
    // meta.parent: the breadcrumb shows 个案列表 and the menu keeps it highlighted
    page('protection/cases/:id(\\d+)', 'prot-case', () => import('./CaseDetail.vue'), 'nav.prot.caseDetail', 'case:read', { parent: '/protection/cases', parentTitle: 'nav.prot.cases' }),
    page('protection/referrals', 'prot-referrals', () => import('./ReferralInbox.vue'), 'nav.prot.referrals', 'referral:respond', { keepAlive: 'ProtReferralInbox' }),
    page('protection/visits', 'prot-visits', () => import('./VisitsDue.vue'), 'nav.prot.visitsDue', 'visit:read', { keepAlive: 'ProtVisitsDue' }),
  ],
  menu: {
    key: 'protection',
    title: 'nav.prot.protection',
    icon: Warning,
    order: 20,
    children: [
      { path: '/protection/hotline', title: 'nav.prot.hotline', perm: 'hotline:write' },
      { path: '/protection/reports/new', title: 'nav.prot.reportNew', perm: 'protect:report' },
      { path: '/protection/cases', title: 'nav.prot.cases', perm: 'case:read' },
      { path: '/protection/referrals', title: 'nav.prot.referrals', perm: 'referral:respond' },
      { path: '/protection/visits', title: 'nav.prot.visitsDue', perm: 'visit:read' },
    ],
  },
}
