import { filesUnder, linesMatching } from './source';

describe('per-operation loaders', () => {
  it('are primed only by their own loaders class, never by a service or resolver', () => {
    const others = filesUnder('src').filter((file) => !file.endsWith('.loaders.ts'));
    expect(linesMatching(others, /\.prime\(/)).toEqual([]);
  });
});
