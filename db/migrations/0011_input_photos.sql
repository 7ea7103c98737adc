-- Issue #5: a photo or scan of the paper sheet a facilitator typed in (000 §23, §56), kept for the
-- record. Handwriting and names may be on it, so it is never public: staff of the organisation see it.
create table input_photos (
  input_id uuid primary key references inputs (id) on delete cascade,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size integer not null check (size > 0 and size <= 10485760),
  sha256 text not null,
  data bytea not null,
  created_at timestamptz not null default now()
);
