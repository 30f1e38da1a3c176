// Writes a store the way the upstream monitor does (fs.appendFileSync for each event line, fs.writeFileSync of
// meta.json in place), for the sync tests. Usage:
//   node upstream-writer.js BASE PREFIX SESSIONS EVENTS_PER_SESSION PAUSE_MS
// Sessions PREFIX0..PREFIX{SESSIONS-1}; events round-robin over the sessions, a pause of PAUSE_MS after each round;
// meta.json of a session rewritten in place every 5th event of it (token totals grow, status changes at the end).
// Prints "round N" after each round and "done" at the end.
const fs = require('fs');
const path = require('path');
const [base, prefix, sessionsArg, perSessionArg, pauseArg] = process.argv.slice(2);
const sessions = parseInt(sessionsArg, 10);
const perSession = parseInt(perSessionArg, 10);
const pause = parseInt(pauseArg, 10);
const t0 = 1761000000000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function meta(id, n, done) {
  const m = {
    sessionId: id, machineId: 'machine-' + prefix, workingDirectory: '/work/' + prefix,
    startTime: t0, status: done ? 'completed' : 'active', childSessionIds: [],
    tokenUsage: { totalInput: n * 10, totalOutput: n * 3 },
  };
  if (done) m.endTime = t0 + n;
  return m;
}

for (let s = 0; s < sessions; s++) {
  const dir = path.join(base, 'sessions', prefix + s);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta(prefix + s, 0, false), null, 2));
}
for (let i = 0; i < perSession; i++) {
  for (let s = 0; s < sessions; s++) {
    const id = prefix + s;
    const dir = path.join(base, 'sessions', id);
    const event = {
      id: prefix + '-' + s + '-' + i, timestamp: t0 + i, sessionId: id, machineId: 'machine-' + prefix,
      workingDirectory: '/work/' + prefix, eventType: 'tool_call', hookType: 'PreToolUse',
      data: { toolName: 'Bash', toolInput: { command: 'echo ' + i }, n: i, appendedAt: Date.now() },
    };
    fs.appendFileSync(path.join(dir, 'events.jsonl'), JSON.stringify(event) + '\n');
    if ((i + 1) % 5 === 0 || i === perSession - 1) {
      fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta(id, i + 1, i === perSession - 1), null, 2));
    }
  }
  console.log('round ' + i);
  if (pause > 0) sleep(pause);
}
console.log('done');
