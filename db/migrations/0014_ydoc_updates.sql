-- Issue #6: collaborative documents that people write (a group's joint submission, analysts' notes) are
-- kept in PostgreSQL, update by update, each committed before it is relayed to anyone (DESIGN.md,
-- "Collaborative documents"). A doc is compacted into one snapshot when its updates pile up; loading
-- reads the snapshot and the updates after it. Board docs are not stored here: they are a view of
-- `inputs`, rebuilt from SQL.
create table ydoc_updates (
  id bigserial primary key,
  doc text not null check (length(doc) <= 100),
  data bytea not null,
  created_at timestamptz not null default now()
);
create index ydoc_updates_doc_idx on ydoc_updates (doc, id);

create table ydoc_snapshots (
  doc text primary key check (length(doc) <= 100),
  state bytea not null,
  -- The last update folded into the state; loading applies the updates after it.
  through_id bigint not null,
  updated_at timestamptz not null default now()
);

-- Which participant each Yjs client id of a doc belongs to, so a joint submission can show who wrote
-- what. Nothing else about the person is stored here.
create table ydoc_clients (
  doc text not null,
  client_id bigint not null,
  participation_id uuid references participations (id) on delete set null,
  first_seen timestamptz not null default now(),
  primary key (doc, client_id)
);
