/*
** The table of commands. Each lives in its own cli/cmd_*.c; adding one is
** that file and one line here. `shouhu help` lists them in this order.
*/
#include "cli/cli.h"

extern const Command cmd_init, cmd_demo, cmd_import_children, cmd_export_children, cmd_child_show,
    cmd_child_history, cmd_backup, cmd_check, cmd_version, cmd_help;

const Command *const cli_commands[] = {
    &cmd_init,
    &cmd_demo,
    &cmd_import_children,
    &cmd_export_children,
    &cmd_child_show,
    &cmd_child_history,
    &cmd_backup,
    &cmd_check,
    &cmd_version,
    &cmd_help,
    NULL};
