-- Issue #6: a submitted joint submission keeps the draft doc as it was (a Yjs snapshot, for the record)
-- and who wrote it (the participants whose edits are in it), never rewritten by later edits.
alter table joint_submissions
  add column snapshot bytea,
  add column contributors uuid[] not null default '{}';
