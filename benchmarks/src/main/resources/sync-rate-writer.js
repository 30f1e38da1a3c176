// Appends events as upstream does (fs.appendFileSync, one line per call) across SESSIONS sessions at RATE events per
// second for SECONDS seconds; each event carries data.appendedAt (ms, taken just before its append) so the sync
// benchmark can measure the lag to the target. Usage: node sync-rate-writer.js BASE SESSIONS RATE SECONDS
const fs = require('fs');
const path = require('path');
const [base, sessionsArg, rateArg, secondsArg] = process.argv.slice(2);
const sessions = parseInt(sessionsArg, 10), rate = parseInt(rateArg, 10), seconds = parseInt(secondsArg, 10);
for (let s = 0; s < sessions; s++) {
  const dir = path.join(base, 'sessions', 'lag' + s);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ sessionId: 'lag' + s, machineId: 'bench',
    workingDirectory: '/w', startTime: Date.now(), status: 'active', childSessionIds: [],
    tokenUsage: { totalInput: 0, totalOutput: 0 } }, null, 2));
}
const total = rate * seconds;
const start = Date.now();
let n = 0;
function tick() {
  const due = Math.min(total, Math.floor((Date.now() - start) * rate / 1000));
  while (n < due) {
    const s = n % sessions;
    const now = Date.now();
    const e = { id: 'e' + n, timestamp: now, sessionId: 'lag' + s, machineId: 'bench', workingDirectory: '/w',
      eventType: 'tool_call', hookType: 'PreToolUse', data: { toolName: 'Bash', appendedAt: now, n: n } };
    fs.appendFileSync(path.join(base, 'sessions', 'lag' + s, 'events.jsonl'), JSON.stringify(e) + '\n');
    n++;
  }
  if (n < total) setTimeout(tick, 5); else console.log('wrote ' + n);
}
tick();
