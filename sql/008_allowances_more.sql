-- Allowances over HTTP and in the web UI (issue #5, the rest): the report
-- of late category steps (GET /api/v1/applications/late) and an
-- unfiltered list read the applications of the caller's area; this index
-- lets that area range find them instead of reading every application of
-- the city. The queue (by status) and a child's page (by child) have
-- their indexes already (category_application_status, _child).
CREATE INDEX category_application_area ON category_application(area, id);
