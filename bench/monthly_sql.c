/*
** The baseline of bench/dashboard.sh's figure i (issue #8): prints, as a
** sqlite3 shell script, the monthly figures' own grouped SQL
** (store/sqlite_monthly_sql.h, the very statements the store prepares)
** for one pass over the city's towns: MONTH's days, the city's range, keys
** of a town's prefix length, each category given on the command line.
** The shell's time to run it is what the roll-up would cost were it only
** its queries: no C around them, one pass.
**
**   monthly_sql YYYY-MM CATEGORY... | sqlite3 DB
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/sqlite_monthly_sql.h"

static const char *const PASS_SQL[] = {
    MONTHLY_CHILDREN_SQL,      MONTHLY_NEW_SQL,           MONTHLY_CHANGED_SQL,         MONTHLY_ENDED_SQL,
    MONTHLY_ALLOWANCES_SQL,    MONTHLY_ACTIVITIES_SQL,    MONTHLY_VISIT_CHILDREN_SQL,  MONTHLY_VISITS_DONE_SQL,
    MONTHLY_CASES_OPENED_SQL,  MONTHLY_CASES_STEPS_SQL,   MONTHLY_CASES_OVERDUE_SQL,   MONTHLY_REFERRALS_SQL,
    MONTHLY_REFERRALS_ANSWERED_SQL, MONTHLY_REFERRALS_BY_UNIT_SQL, MONTHLY_RESCUE_DISCHARGES_SQL, NULL};

static int days_in(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[m - 1] + (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

int main(int argc, char **argv)
{
    int y, m;
    if (argc < 2 || sscanf(argv[1], "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12) {
        fprintf(stderr, "usage: monthly_sql YYYY-MM CATEGORY...\n");
        return 2;
    }
    int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
    /* the shell reads a parameter's value as SQL: a text is quoted inside */
    printf(".parameter set :lo \"'4419'\"\n.parameter set :hi \"'441:'\"\n.parameter set :klen 9\n");
    printf(".parameter set :first \"'%04d-%02d-01'\"\n", y, m);
    printf(".parameter set :last \"'%04d-%02d-%02d'\"\n", y, m, days_in(y, m));
    printf(".parameter set :next \"'%04d-%02d-01'\"\n", ny, nm);
    printf(".parameter set :month \"'%04d-%02d'\"\n", y, m);
    for (int i = 0; PASS_SQL[i]; i++) printf("%s;\n", PASS_SQL[i]);
    /* the cases open at the month's start and at its end */
    printf(".parameter set :at \"'%04d-%02d-01'\"\n%s;\n", y, m, MONTHLY_CASES_OPEN_SQL);
    printf(".parameter set :at \"'%04d-%02d-01'\"\n%s;\n", ny, nm, MONTHLY_CASES_OPEN_SQL);
    for (int i = 2; i < argc; i++)
        if (strspn(argv[i], "abcdefghijklmnopqrstuvwxyz_") == strlen(argv[i]))   /* a code, not SQL */
            printf(".parameter set :code \"'%s'\"\n%s;\n", argv[i], MONTHLY_CATEGORY_SQL);
    return 0;
}
