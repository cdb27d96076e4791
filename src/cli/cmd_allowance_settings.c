/*
** `shouhu allowance settings [KEY [VALUE]]`: the allowance rules that vary
** by place (domain/allowance.h): first and last paid month, 差额, adults in
** school, the 6-month threshold, the procedure's time limits, the first
** month Shouhu pays, the study grant, the 低保 deductible, the adult
** orphans' subsidy.
*/
#include <stdio.h>
#include <string.h>
#include "cli/allowance_cli.h"

static int run_settings(Cli *cli)
{
    if (!cli_args(cli, 0, 2)) return 2;
    AllowanceRules rules;
    Store *s = cli_open_allowances(cli, &rules);
    if (!s) return 1;
    int rc = 0;
    if (cli->argc == 2) {
        rc = cli_setting_set(cli, s, store_allowance_setting_set, "allowance.setting");
    } else {
        bool found = false;
        for (const SettingInfo *i = ALLOWANCE_SETTINGS; i->key; i++) {
            if (cli->argc == 1 && strcmp(cli->argv[0], i->key) != 0) continue;
            found = true;
            printf("%s = %s\n    %s\n", i->key, allowance_rules_get(&rules, i->key, cli->arena), tr(cli, i->zh, i->en));
        }
        if (!found) rc = cli_fail("there is no setting %s (see 'shouhu allowance settings')", cli->argv[0]);
    }
    store_close(s);
    return rc;
}

const Command cmd_allowance_settings = {"allowance settings", "[KEY [VALUE]]",
                                        "show or change the allowance rules that vary by place",
                                        "Without arguments lists every allowance setting with its value and\n"
                                        "meaning; with KEY shows one; with KEY VALUE changes it (checked first).\n"
                                        "For example:\n"
                                        "  shouhu allowance settings allowance.first_month confirmation_month\n"
                                        "  shouhu allowance settings allowance.difference on\n"
                                        "  shouhu allowance settings allowance.dibao_monthly 1230.00\n"
                                        "  shouhu allowance settings adult_orphans.subsidy 130000.00",
                                        run_settings};
