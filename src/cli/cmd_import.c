/*
** `shouhu import children FILE`: imports a ledger (.csv in UTF-8 or GB18030,
** or .xlsx) with Chinese or English headings. All or nothing by default;
** --dry-run checks without writing; --skip-invalid imports the valid rows and
** writes the rejected ones, with their reasons, beside the input.
*/
#include <stdio.h>
#include <unistd.h>
#include "cli/cli.h"
#include "io/ledger.h"
#include "util/clock.h"

static void show_progress(void *ctx, long rows)
{
    (void)ctx;
    if (isatty(2)) fprintf(stderr, "\r%ld rows...", rows);
}

static void print_report(Cli *cli, const ImportReport *rep, const ImportOptions *o)
{
    bool zh = cli->lang == LANG_ZH;
    if (isatty(2) && rep->rows >= 10000) fputc('\n', stderr);
    if (rep->warnings.count) cli_print_problems(cli, &rep->warnings, 20);
    if (rep->problems.count) {
        fprintf(stderr, zh ? "发现%zu个问题：\n" : "%zu problems found:\n", rep->problems.count);
        cli_print_problems(cli, &rep->problems, 200);
    }
    const char *mode = o->dry_run ? (zh ? "（试导入，未写入）" : " (dry run: nothing written)")
                       : rep->written ? ""
                                      : (zh ? "（未写入任何数据）" : " (nothing written)");
    printf(zh ? "%ld行：新增%ld，更新%ld，未变%ld，有问题%ld%s\n"
              : "%ld rows: %ld new, %ld updated, %ld unchanged, %ld with problems%s\n",
           rep->rows, rep->inserted, rep->updated, rep->unchanged, rep->rejected, mode);
    if (!o->dry_run && !rep->written && rep->rejected)
        printf(zh ? "请修改后重新导入，或用 --skip-invalid 只导入没有问题的行。\n"
                  : "Fix the rows and import again, or use --skip-invalid to import only the valid rows.\n");
    if (rep->rejected_path) printf(zh ? "有问题的行已写入 %s（含“错误原因”列）\n" : "rejected rows written to %s (with a 错误原因 column)\n",
                                   rep->rejected_path);
}

static int run_import(Cli *cli)
{
    ImportOptions o = {.dry_run = cli_flag(cli, "dry-run"),
                       .skip_invalid = cli_flag(cli, "skip-invalid"),
                       .rejected_path = cli_option(cli, "rejected"),
                       .author = cli_author(cli),
                       .today = clock_today(),
                       .rules = LEDGER_RULES_DEFAULT,
                       .progress = show_progress};
    if (!cli_args(cli, 1, 1)) return 2;
    const char *path = cli->argv[0];
    if (access(path, R_OK) != 0) return cli_fail("cannot read %s", path);
    Store *s = cli_open_store(cli);
    if (!s) return 1;
    ImportReport rep;
    StoreRc r = ledger_import(s, path, &o, &rep, cli->arena);
    int rc = 0;
    if (r != STORE_OK) rc = cli_fail("import failed, nothing written: %s", store_errmsg(s));
    else {
        print_report(cli, &rep, &o);
        if (rep.error) rc = cli_fail("%s", rep.error);
        else if (rep.problems.count && (!rep.written || o.dry_run)) rc = 1;
    }
    store_close(s);
    return rc;
}

const Command cmd_import_children = {
    "import children", "FILE [--dry-run] [--skip-invalid] [--rejected PATH]",
    "import a children's ledger from .csv or .xlsx",
    "Imports a ledger of children from FILE: .csv (UTF-8 with or without BOM,\n"
    "or GB18030 as Excel writes on Chinese Windows) or .xlsx. The first row\n"
    "names the columns: 姓名, 公民身份号码 (身份证号), 性别, 出生日期, 民族,\n"
    "户籍类型, 户籍地址, 居住村(社区)代码 (or the village's name), 家庭住址,\n"
    "就读学校, 就学状态, 儿童类别 (several, separated by 、 or ;), 类别起始日期,\n"
    "父亲姓名, 父亲状况, 母亲姓名, 母亲状况, 监护人姓名, 监护人关系, 监护人电话\n"
    "and the others that 'shouhu export children' writes; English names work too.\n"
    "Rows are matched to existing records by ID number (or by name, birth date\n"
    "and village when there is none); a row already present unchanged changes\n"
    "nothing, so the same file can be imported twice. Blank cells never clear a\n"
    "value. A category with a start date is recorded as confirmed from then.\n\n"
    "By default the import is all or nothing: any problem, and nothing is\n"
    "written. Every problem names its row and column.\n"
    "  --dry-run        check every row, write nothing\n"
    "  --skip-invalid   import the valid rows; write the others with a 错误原因\n"
    "                   column to FILE.rejected.csv (or .xlsx) to fix and re-import\n"
    "  --rejected PATH  write the rejected rows there instead",
    run_import};
