-- Adoption of an upstream-made database, step 1 of 2, in its own transaction (PostgreSQL lets a new ENUM label be
-- used only after the transaction that added it commits): the seed's ENUMs know 10 event and 5 hook types; the
-- other known values are added. Existing labels stay; re-running this is harmless.

ALTER TYPE "${schema}"."${prefix}session_status" ADD VALUE IF NOT EXISTS 'active';
ALTER TYPE "${schema}"."${prefix}session_status" ADD VALUE IF NOT EXISTS 'completed';
ALTER TYPE "${schema}"."${prefix}session_status" ADD VALUE IF NOT EXISTS 'error';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'session_start';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'session_end';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'tool_call';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'tool_result';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'tool_error';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'message';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'notification';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'thinking';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'error';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'agent_spawn';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'agent_complete';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'subagent_start';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'subagent_stop';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'user_prompt';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'pre_compact';
ALTER TYPE "${schema}"."${prefix}monitor_event_type" ADD VALUE IF NOT EXISTS 'permission_request';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'SessionStart';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'SessionEnd';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'PreToolUse';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'PostToolUse';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'PostToolUseFailure';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'Notification';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'UserPromptSubmit';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'Stop';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'SubagentStart';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'SubagentStop';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'PreCompact';
ALTER TYPE "${schema}"."${prefix}claude_hook_type" ADD VALUE IF NOT EXISTS 'PermissionRequest';

