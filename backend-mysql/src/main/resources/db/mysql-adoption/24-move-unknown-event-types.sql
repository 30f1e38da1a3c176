UPDATE ${prefix}events
SET event_type_other = event_type, event_type = NULL
WHERE event_type IS NOT NULL AND event_type NOT IN (
    'session_start', 'session_end', 'tool_call', 'tool_result', 'tool_error', 'message', 'notification',
    'thinking', 'error', 'agent_spawn', 'agent_complete', 'subagent_start', 'subagent_stop', 'user_prompt',
    'pre_compact', 'permission_request')
