/*
** The allowances' SQLite files (sqlite_allowances.c, sqlite_category_flow.c,
** sqlite_payroll.c) and a few others include this: db.h and the allowances'
** types. The helpers that used to live here (days and months from columns,
** step_done, first_int, IdList) serve every store file and are in db.h now.
*/
#ifndef SHOUHU_ALLOWANCE_DB_H
#define SHOUHU_ALLOWANCE_DB_H

#include "store/db.h"
#include "store/store_allowances.h"

#endif
