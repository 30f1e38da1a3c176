UPDATE ${prefix}events SET created_at = CURRENT_TIMESTAMP(3) WHERE created_at IS NULL
