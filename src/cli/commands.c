/*
** The table of commands. Each lives in its own cli/cmd_*.c; adding one is
** that file and one line here. `shouhu help` lists them in this order.
*/
#include "cli/cli.h"

extern const Command cmd_init, cmd_demo, cmd_import_children, cmd_export_children, cmd_child_show,
    cmd_child_history, cmd_backup, cmd_check, cmd_version, cmd_help;
extern const Command cmd_serve, cmd_user_add, cmd_user_list, cmd_user_passwd, cmd_user_disable, cmd_user_enable,
    cmd_user_token, cmd_user_tokens, cmd_user_revoke_token, cmd_audit;

const Command *const cli_commands[] = {
    &cmd_init,
    &cmd_demo,
    &cmd_import_children,
    &cmd_export_children,
    &cmd_child_show,
    &cmd_child_history,
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
    &cmd_check,
    &cmd_version,
    &cmd_help,
    NULL};
