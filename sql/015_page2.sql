-- A category's counters by code, then village (issue #8, page2).
-- A town's page of a category counts its matches from stat_category
-- (CHILD_COUNT_BY_COUNTERS: the area range and the code). Its key
-- (area, code) made that count walk the town's ~150 (village, code) rows to
-- keep its ~30 of the code, as many VM steps as the page itself. Keyed by
-- (code, area), the count reads only the code's villages of the range; n
-- makes it covering. The dashboard's statements read by area and keep the
-- primary key.
CREATE INDEX stat_category_code ON stat_category(code, area, n);
