DELETE FROM ${prefix}schema_lease WHERE name = ? AND holder = ?
