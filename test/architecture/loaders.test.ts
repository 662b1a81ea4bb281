import { filesUnder, read } from './source';

/** Lines of server code matching `pattern`, as `file: line`, outside the files `allowed` says may have them. */
function linesMatching(pattern: RegExp, allowed: (file: string) => boolean): string[] {
  return filesUnder('src')
    .filter((file) => !allowed(file))
    .flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
}

describe('per-operation loaders', () => {
  it('are primed only by their own loaders class, never by a service or resolver', () => {
    expect(linesMatching(/\.prime\(/, (file) => file.endsWith('.loaders.ts'))).toEqual([]);
  });
});
