-- A kept day may be a settled part of a day (ADR 0022, "Today's settled part"): its figures cover
-- [the day's start, settled_to), where settled_to is the earliest rollup line of the service's
-- monitors when it was computed. NULL: the whole day. The page then sweeps only past settled_to,
-- and moves it forward as the lines advance.
ALTER TABLE status_days ADD COLUMN settled_to timestamptz;
