-- The seed keys events by id alone (VARCHAR(36), a UUID); version 1 identifies them by (session_id, id) with any
-- id, and adds seq (numbered by 20-number-events.sql; 41-constrain-events.sql makes it AUTO_INCREMENT and part of
-- the final primary key). Until then (session_id, id) is the primary key.
ALTER TABLE ${prefix}events
    DROP PRIMARY KEY,
    ADD COLUMN seq BIGINT NULL FIRST,
    MODIFY id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY session_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY parent_session_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY machine_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY working_directory MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    MODIFY event_type VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN event_type_other VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY hook_type VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN hook_type_other VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY data LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    ADD COLUMN extra LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    ADD COLUMN record_json LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY created_at TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3),
    ADD PRIMARY KEY (session_id, id)
