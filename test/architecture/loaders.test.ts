import { filesUnder, linesMatching } from './source';

/**
 * Builders of DataLoaders that loaders classes use, and the one loader that is not per operation: session versions
 * are batched across the concurrent requests of a whole instance, before any operation's context exists.
 */
const BUILDERS = ['src/core/db/by-id-loader.ts', 'src/core/relay/pages-by-parent.ts'];
const PROCESS_WIDE = ['src/auth/session-version.service.ts'];

describe('per-operation loaders', () => {
  const loadersFiles = (file: string) => file.endsWith('.loaders.ts');

  it('live in the slices’ loaders classes, reached as XLoaders.of(ctx), and nowhere else', () => {
    const others = filesUnder('src').filter(
      (file) => !loadersFiles(file) && !BUILDERS.includes(file) && !PROCESS_WIDE.includes(file),
    );
    expect(linesMatching(others, /new DataLoader\b|\boperationLoaders\(/)).toEqual([]);
    expect(filesUnder('src').filter(loadersFiles).length).toBeGreaterThan(10);
  });

  it('are primed only by their own loaders class, never by a service or resolver', () => {
    const others = filesUnder('src').filter((file) => !loadersFiles(file));
    expect(linesMatching(others, /\.prime\(/)).toEqual([]);
  });
});
