UPDATE ${prefix}schema_lease SET holder = ?, expires_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND
WHERE name = ? AND expires_at < UTC_TIMESTAMP(3)
