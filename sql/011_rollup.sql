-- The month's roll-up over the whole city (issue #8, figure 4): indexes that
-- hold what the monthly figures read of each child, so that their grouped
-- pass (store/sqlite_monthly.c) reads indexes in area order, not the
-- children's whole records (names, addresses, facts: most of the table).
--
-- child_month: the children recorded, added and present at a month's end,
-- by sex and age, read from the index alone (the row id, c.id, is in it).
-- Measured on 100,000 demo children, the city's children figures
-- (MONTHLY_CHILDREN_SQL) took 0.22 s of CPU in the sqlite3 shell, 0.06 s
-- with it; the month's new records 0.13 s, 0.005 s.
CREATE INDEX child_month ON child(area, created_at, status, sex, birth_date);

-- child_category_month: the children holding a category on a day, by area
-- and child, with what the visit schedule needs (code, status, dates): the
-- visits due (MONTHLY_VISIT_CHILDREN_SQL) are read from it in (area, child)
-- order, one group per child with no sort.
CREATE INDEX child_category_month ON child_category(area, child_id, code, status, date_from, date_to);
