-- Issue #6: a written doc's structured items are extracted into SQL after each change; an item that is
-- malformed (a field of the wrong type, text over the limit) is skipped and recorded here for admins,
-- never a crash. Only the error is kept, not the item's text.
create table extraction_errors (
  id bigserial primary key,
  doc text not null,
  item_id text not null default '',
  error text not null check (length(error) <= 500),
  created_at timestamptz not null default now()
);
create index extraction_errors_recent_idx on extraction_errors (created_at desc);
