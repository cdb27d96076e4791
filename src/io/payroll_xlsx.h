/*
** A payroll as formatted Excel workbooks (libxlsxwriter), printable on A4
** landscape: the bank payment list (银行代发清单), one row per child with the
** guardian as account holder, and the Guangdong-style monthly fund table
** (发放情况表): per town, 实发人数, 孤儿数 (机构/散居), 事实无人抚养儿童数,
** 艾滋病病毒感染儿童数 and 实发资金. Both read back with sheet_open() (their
** first worksheet); tests/e2e/xlsx_libreoffice.sh opens and prints them in
** LibreOffice (Excel is not available to the tests).
**
** Money is written as numbers of yuan formatted "#,##0.00", so that the
** sheet sums; the amounts and totals themselves are computed in fen.
*/
#ifndef SHOUHU_PAYROLL_XLSX_H
#define SHOUHU_PAYROLL_XLSX_H

#include <stdbool.h>
#include "store/store_allowances.h"

typedef enum PayrollSheet {
    PAYROLL_SHEET_BANK, /* 银行代发清单 */
    PAYROLL_SHEET_FUND  /* 基本生活费发放情况表 */
} PayrollSheet;

typedef struct PayrollExport {
    long rows;     /* children (bank) or towns (fund) written */
    long not_paid; /* bank: children whose adjusted amount is not above zero, listed apart */
    Fen total;     /* what the sheet says is paid */
} PayrollExport;

/* Writes payroll PR, as SCOPE sees it (a town: its own lines), to PATH.
   On failure returns false with *ERR (the caller frees) and leaves no file. */
bool payroll_xlsx_write(Store *s, const Scope *scope, const Payroll *pr, PayrollSheet sheet, const char *path,
                        PayrollExport *out, char **err);

#endif
