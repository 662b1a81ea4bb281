/**
 * Preloaded (`node -r`) into every server the bench starts, ours and the baselines alike, so that all are
 * measured the same way from outside. Over the IPC channel the bench asks for memory (after two full GCs when
 * the process runs with --expose-gc), for a V8 CPU profile of a window (the profiler behind --cpu-prof, but
 * without the start-up in it), and for a clean exit. It needs only Node's own modules, so it works inside
 * PostGraphile's separate node_modules too.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

interface ProbeRequest {
  probe: 'memory' | 'exit' | 'profile-start' | 'profile-stop';
  id: number;
  file?: string;
}

let session: Session | null = null;

function post(method: string, params: object = {}): Promise<any> {
  return new Promise((resolve, reject) =>
    session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function handle(message: ProbeRequest): Promise<object> {
  switch (message.probe) {
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      gc?.();
      return { usage: process.memoryUsage(), gc: Boolean(gc) };
    }
    case 'profile-start':
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      return {};
    case 'profile-stop': {
      const { profile } = await post('Profiler.stop');
      writeFileSync(message.file!, JSON.stringify(profile));
      session!.disconnect();
      session = null;
      return {};
    }
    case 'exit':
      process.exit(0);
  }
}

if (process.send) {
  process.channel?.unref();
  process.on('message', (message: ProbeRequest) => {
    if (!message || typeof message !== 'object' || !('probe' in message)) return;
    handle(message).then(
      (answer) => process.send!({ probe: message.probe, id: message.id, ...answer }),
      (error) => process.send!({ probe: message.probe, id: message.id, error: String(error) }),
    );
  });
}
