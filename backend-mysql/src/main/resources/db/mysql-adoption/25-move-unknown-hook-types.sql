UPDATE ${prefix}events
SET hook_type_other = hook_type, hook_type = NULL
WHERE hook_type IS NOT NULL AND hook_type NOT IN (
    'SessionStart', 'SessionEnd', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Notification',
    'UserPromptSubmit', 'Stop', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PermissionRequest')
