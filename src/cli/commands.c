/*
** The table of commands. Each lives in its own cli/cmd_*.c; adding one is
** that file and one line here. `shouhu help` lists them in this order.
*/
#include "cli/cli.h"

extern const Command cmd_init, cmd_demo, cmd_import_children, cmd_export_children, cmd_child_show,
    cmd_child_history, cmd_backup, cmd_restore, cmd_check, cmd_version, cmd_help;
extern const Command cmd_serve, cmd_user_add, cmd_user_list, cmd_user_passwd, cmd_user_disable, cmd_user_enable,
    cmd_user_token, cmd_user_tokens, cmd_user_revoke_token, cmd_audit;
extern const Command cmd_eligibility, cmd_eligibility_scan, cmd_category_apply, cmd_category_verify,
    cmd_category_confirm, cmd_category_list, cmd_category_show, cmd_category_late, cmd_category_end,
    cmd_standards_list, cmd_standards_set, cmd_allowance_settings, cmd_holiday_list, cmd_holiday_add,
    cmd_holiday_remove, cmd_payroll_generate, cmd_payroll_list, cmd_payroll_show, cmd_payroll_submit,
    cmd_payroll_return, cmd_payroll_approve, cmd_payroll_lock, cmd_payroll_discard, cmd_payroll_adjust,
    cmd_payroll_export, cmd_aid_add, cmd_aid_list, cmd_aid_totals, cmd_aid_void, cmd_adult_orphans_towns,
    cmd_adult_orphans_candidates, cmd_adult_orphans_settle, cmd_adult_orphans_history,
    cmd_adult_orphans_demo_history, cmd_adult_orphans_pay, cmd_adult_orphans_list, cmd_adult_orphans_order;
/* protection (issue #6) */
extern const Command cmd_case_list, cmd_case_show, cmd_case_settings;
/* monthly reports (issue #7) */
extern const Command cmd_report_monthly, cmd_report_activities, cmd_report_workforce;
extern const Command cmd_stats, cmd_overdue;   /* statistics and supervision (issue #7) */

const Command *const cli_commands[] = {
    &cmd_init,
    &cmd_demo,
    &cmd_import_children,
    &cmd_export_children,
    &cmd_child_show,
    &cmd_child_history,
    &cmd_eligibility_scan,   /* before "eligibility": `help eligibility scan` finds the first that matches */
    &cmd_eligibility,
    &cmd_category_apply,
    &cmd_category_verify,
    &cmd_category_confirm,
    &cmd_category_list,
    &cmd_category_show,
    &cmd_category_late,
    &cmd_category_end,
    &cmd_standards_list,
    &cmd_standards_set,
    &cmd_allowance_settings,
    &cmd_holiday_list,
    &cmd_holiday_add,
    &cmd_holiday_remove,
    &cmd_payroll_generate,
    &cmd_payroll_list,
    &cmd_payroll_show,
    &cmd_payroll_submit,
    &cmd_payroll_return,
    &cmd_payroll_approve,
    &cmd_payroll_lock,
    &cmd_payroll_discard,
    &cmd_payroll_adjust,
    &cmd_payroll_export,
    &cmd_aid_add,
    &cmd_aid_list,
    &cmd_aid_totals,
    &cmd_aid_void,
    &cmd_adult_orphans_towns,
    &cmd_adult_orphans_candidates,
    &cmd_adult_orphans_settle,
    &cmd_adult_orphans_history,
    &cmd_adult_orphans_demo_history,
    &cmd_adult_orphans_pay,
    &cmd_adult_orphans_list,
    &cmd_adult_orphans_order,
    /* protection (issue #6) */
    &cmd_case_list,
    &cmd_case_show,
    &cmd_case_settings,
    &cmd_report_monthly,   /* monthly reports (issue #7) */
    &cmd_report_activities,
    &cmd_report_workforce,
    &cmd_stats,   /* statistics and supervision (issue #7) */
    &cmd_overdue,
    &cmd_serve,
    &cmd_user_add,
    &cmd_user_list,
    &cmd_user_passwd,
    &cmd_user_disable,
    &cmd_user_enable,
    &cmd_user_token,
    &cmd_user_tokens,
    &cmd_user_revoke_token,
    &cmd_audit,
    &cmd_backup,
    &cmd_restore,
    &cmd_check,
    &cmd_version,
    &cmd_help,
    NULL};
