/*
** `shouhu child show ID` and `shouhu child history ID`: one record, and
** every change to it field by field. ID is the record number or the
** resident ID number. The command line is the administrator's: it sees the
** whole city.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "domain/codes.h"

/* The label of a flat field value: codes are shown as their labels. */
static const char *value_label(const char *key, const char *value, Lang lang)
{
    static const struct {
        const char *suffix;
        const CodeTable *t;
    } coded[] = {{"sex", &CODES_SEX}, {"ethnicity", &CODES_ETHNICITY}, {"hukou_type", &CODES_HUKOU_TYPE},
                 {"enrolment", &CODES_ENROLMENT}, {"disability_type", &CODES_DISABILITY},
                 {"situation", &CODES_SITUATION}, {"relation", &CODES_RELATION}, {"status", &CODES_RECORD_STATUS}};
    if (!value) return "";
    if (strncmp(key, "categories.", 11) == 0) {
        if (strstr(key, ".status")) return code_label(&CODES_CATEGORY_STATUS, value, lang);
        return value;
    }
    const char *dot = strrchr(key, '.');
    const char *last = dot ? dot + 1 : key;
    for (size_t i = 0; i < sizeof coded / sizeof *coded; i++)
        if (strcmp(last, coded[i].suffix) == 0) return code_label(coded[i].t, value, lang);
    return value;
}

/* "categories.orphan_scattered@2020-01-01.from" -> 社会散居孤儿(2020-01-01) 起始日期 */
static const char *key_label(Cli *cli, const char *key)
{
    if (strncmp(key, "categories.", 11) != 0) return field_label(key, cli->lang);
    const char *at = strchr(key + 11, '@'), *dot = at ? strchr(at, '.') : NULL;
    if (!at || !dot) return key;
    char *code = arena_strndup(cli->arena, key + 11, (size_t)(at - key - 11));
    static const char *const parts[][3] = {{"from", "起始日期", "from"}, {"to", "终止日期", "to"},
                                           {"status", "状态", "status"}, {"evidence", "证明材料", "evidence"}};
    const char *part = dot + 1;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(part, parts[i][0]) == 0) part = parts[i][cli->lang == LANG_ZH ? 1 : 2];
    return arena_printf(cli->arena, "%s(%.*s) %s", code_label(&CODES_CATEGORY, code, cli->lang), (int)(dot - at - 1),
                        at + 1, part);
}

static int run_show(Cli *cli)
{
    bool as_json = cli_flag(cli, "json");
    if (!cli_args(cli, 1, 1)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Child c;
    StoreRc r = cli_find_child(cli, s, cli->argv[0], &c);
    int rc = 0;
    if (r == STORE_NOTFOUND) rc = cli_fail("no child record %s", cli->argv[0]);
    else if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    else if (as_json) {
        json_t *j = child_to_json(&c, true);
        json_dumpf(j, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(j);
    } else {
        printf("%s %lld (%s %d)\n", cli->lang == LANG_ZH ? "档案编号" : "Record", c.id,
               cli->lang == LANG_ZH ? "版本" : "version", c.version);
        json_t *fields = child_fields(&c);
        const char *key;
        json_t *v;
        json_object_foreach(fields, key, v) {
            printf("  %s: %s\n", key_label(cli, key), value_label(key, json_string_value(v), cli->lang));
        }
        json_decref(fields);
        printf("  %s: %s %s\n", cli->lang == LANG_ZH ? "最后修改" : "Last changed", c.updated_at, c.updated_by);
    }
    store_close(s);
    return rc;
}

static int print_version(void *ctx, const HistoryEntry *e)
{
    Cli *cli = ctx;
    printf("%s %d  %s  %s  %s: %s\n", cli->lang == LANG_ZH ? "版本" : "version", e->version, e->changed_at,
           e->changed_by, cli->lang == LANG_ZH ? "原因" : "reason", e->reason);
    const char *key;
    json_t *v;
    json_object_foreach(e->changes, key, v) {
        const char *old = json_string_value(json_array_get(v, 0)), *new = json_string_value(json_array_get(v, 1));
        printf("    %s: %s -> %s\n", key_label(cli, key), old ? value_label(key, old, cli->lang) : "∅",
               new ? value_label(key, new, cli->lang) : "∅");
    }
    return 0;
}

static int run_history(Cli *cli)
{
    if (!cli_args(cli, 1, 1)) return 2;
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    Child c;
    StoreRc r = cli_find_child(cli, s, cli->argv[0], &c);
    if (r == STORE_OK) r = store_child_history(s, &SCOPE_ALL, c.id, print_version, cli);
    int rc = 0;
    if (r == STORE_NOTFOUND) rc = cli_fail("no child record %s", cli->argv[0]);
    else if (r != STORE_OK) rc = cli_fail("%s", store_errmsg(s));
    store_close(s);
    return rc;
}

const Command cmd_child_show = {
    "child show", "ID [--json]", "show a child's record",
    "Shows the record ID (a record number, or a resident ID number), field by\n"
    "field, or as the JSON document with --json.",
    run_show};

const Command cmd_child_history = {
    "child history", "ID", "list every change to a child's record",
    "Lists every version of the record ID: when, by whom, why, and each field\n"
    "that changed with its old and new value. Nothing in the ledger is deleted.",
    run_history};
