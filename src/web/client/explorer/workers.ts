/**
 * Monaco runs the editors' language services in web workers, which it asks for by label. The build bundles
 * each worker into its own same-origin script (no blob: or CDN URLs), and this tells Monaco where they are.
 */
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(__MONACO_WORKERS__[name], { name: `${name}-worker` });
  },
};
