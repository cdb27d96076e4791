-- A town's children holding a category, in id order (issue #8, page).
-- The children's list pages a town + category in id order (the UI's
-- offsets and cursors). child_category_code (code, area, child_id, status)
-- keeps ids in order per village only, so each page copied the town's
-- ~1,000 rows of the code into a temporary table to take 20 in id order
-- (half of a page's cost). This index orders them by id within the town
-- (an area code's first nine digits): a page reads its 20 entries and
-- stops. status and area make it covering for the page's test of each row.
CREATE INDEX child_category_town ON child_category(code, substr(area, 1, 9), child_id, status, area);
