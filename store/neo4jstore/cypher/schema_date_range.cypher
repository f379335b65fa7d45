CREATE INDEX date_range_start IF NOT EXISTS
FOR (d:Date) ON (d.rangeStart)
