import {
  affectsRecommendations,
  recommendationReason,
  recommendationScore,
} from '../../src/trust/recommendations';

describe('recommendation score', () => {
  it('is the strength of the one path when there is one', () => {
    expect(recommendationScore([0.8 * 0.6])).toBeCloseTo(0.48, 12);
  });

  it('combines common contacts as a noisy-or', () => {
    // 1 − (1 − 0.8)(1 − 0.48) = 1 − 0.2 · 0.52 = 0.896
    expect(recommendationScore([0.8, 0.48])).toBeCloseTo(0.896, 12);
    expect(recommendationScore([0.5, 0.5, 0.5])).toBeCloseTo(0.875, 12);
  });

  it('reaches 1 when a fully trusted person trusts fully, and grows with every further contact', () => {
    expect(recommendationScore([1, 0.2])).toBe(1);
    expect(recommendationScore([0.2, 0.2])).toBeGreaterThan(recommendationScore([0.2]));
  });
});

describe('recommendation reason', () => {
  it('names the intermediaries the viewer may see and counts the others', () => {
    expect(recommendationReason(['Anna'], 1)).toBe('Trusted by Anna, whom you trust.');
    expect(recommendationReason(['Anna', 'Bernd'], 2)).toBe('Trusted by Anna and Bernd, whom you trust.');
    expect(recommendationReason(['Anna', 'Bernd', 'Clara'], 3)).toBe(
      'Trusted by Anna, Bernd and Clara, whom you trust.',
    );
    expect(recommendationReason(['Anna'], 2)).toBe('Trusted by Anna and 1 other you trust.');
    expect(recommendationReason(['Anna', 'Bernd', 'Clara'], 7)).toBe(
      'Trusted by Anna, Bernd, Clara and 4 others you trust.',
    );
  });

  it('names nobody when no intermediary’s trust list is visible', () => {
    expect(recommendationReason([], 1)).toBe('Trusted by someone you trust.');
    expect(recommendationReason([], 3)).toBe('Trusted by 3 people you trust.');
  });
});

describe('which trust changes can alter a viewer’s recommendations', () => {
  const trustees = new Set(['anna', 'bernd']);
  const change = (truster: string, trustee: string) => ({ pairs: [{ truster, trustee }] });

  it('includes the viewer’s own edges, both ways, and edges leaving anyone the viewer trusts', () => {
    expect(affectsRecommendations(change('vera', 'zoe'), 'vera', trustees)).toBe(true);
    expect(affectsRecommendations(change('zoe', 'vera'), 'vera', trustees)).toBe(true);
    expect(affectsRecommendations(change('anna', 'zoe'), 'vera', trustees)).toBe(true);
  });

  it('ignores edges further out, and edges into the viewer’s trustees', () => {
    expect(affectsRecommendations(change('zoe', 'yann'), 'vera', trustees)).toBe(false);
    expect(affectsRecommendations(change('zoe', 'anna'), 'vera', trustees)).toBe(false);
  });

  it('looks at every pair of a change', () => {
    const both = { pairs: [...change('zoe', 'yann').pairs, ...change('bernd', 'yann').pairs] };
    expect(affectsRecommendations(both, 'vera', trustees)).toBe(true);
  });
});
