-- Issue #5: input from people who were heard offline (000 §23, §56): a facilitator enters what a
-- workshop, a paper form, a phone call or a radio call-in produced, with its original date, method and
-- how many people it speaks for. The facilitator is recorded for accountability but is never the author:
-- such an input has no participation, and the board says "entered on behalf of N people".
alter table inputs
  add column facilitator_id uuid references users (id) on delete set null,
  add column on_behalf_count integer check (on_behalf_count between 1 and 1000000),
  add column on_behalf_method text check (on_behalf_method in ('workshop', 'paper', 'phone', 'radio', 'other')),
  add column on_behalf_place text check (length(on_behalf_place) <= 200),
  add column original_date date,
  add constraint inputs_on_behalf_check check (
    (on_behalf_count is null and on_behalf_method is null and original_date is null)
    or (on_behalf_count is not null and on_behalf_method is not null and original_date is not null and participation_id is null));
create index inputs_facilitator_rate_idx on inputs (facilitator_id, created_at) where facilitator_id is not null;
