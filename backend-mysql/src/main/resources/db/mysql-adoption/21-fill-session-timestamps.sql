UPDATE ${prefix}sessions
SET created_at = COALESCE(created_at, CURRENT_TIMESTAMP(3)), updated_at = COALESCE(updated_at, CURRENT_TIMESTAMP(3))
WHERE created_at IS NULL OR updated_at IS NULL
