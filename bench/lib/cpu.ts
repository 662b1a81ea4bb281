import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux nearly always). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU seconds (user + system) a process has used so far, as the operating system counts them
 * (`/proc/<pid>/stat`, fields utime and stime), or NaN where there is no /proc. Read from outside the
 * process, so the measurement itself costs the server nothing.
 */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/** Runs `work` and says how many CPU seconds the process `pid` used meanwhile. */
export async function cpuDuring<T>(
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; cpuSeconds: number }> {
  const before = pid ? cpuSecondsOf(pid) : Number.NaN;
  const result = await work();
  const after = pid ? cpuSecondsOf(pid) : Number.NaN;
  return { result, cpuSeconds: after - before };
}
