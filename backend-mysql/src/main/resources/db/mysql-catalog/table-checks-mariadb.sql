-- Column-level checks (MariaDB's JSON alias adds one) cannot be dropped by name; they go with the column's type.
SELECT CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? AND LEVEL = 'Table'
