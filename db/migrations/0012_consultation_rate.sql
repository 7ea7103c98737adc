-- Issue #5: addInput's per-consultation ceiling (inputs a minute) counts the recent rows of one
-- consultation, replies and joint sections included.
create index inputs_consultation_recent_idx on inputs (consultation_id, created_at);
