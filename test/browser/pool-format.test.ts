import {
  formatMoney,
  isJoinable,
  nextTierText,
  participantsText,
  statusText,
  timeLeftText,
} from '../../src/web/client/pool/format';

const EUR = (amount: string) => ({ amount, currencyCode: 'EUR' });
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('what the pool page shows', () => {
  it('formats money in the currency it is in', () => {
    expect(formatMoney(EUR('8.5'), 'en-US')).toEqual('€8.50');
    expect(formatMoney({ amount: '1234.00', currencyCode: 'USD' }, 'en-US')).toEqual('$1,234.00');
    expect(formatMoney({ amount: '3.00', currencyCode: 'nope' }, 'en-US')).toEqual('3.00 nope');
  });

  it('names the next tier and the units still missing, or says the lowest price is reached', () => {
    const tier = { minQuantity: 10, unitPrice: EUR('6.50') };
    expect(nextTierText({ nextTier: tier, unitsToNextTier: 4 }, 'en-US')).toEqual(
      '€6.50 from 10 units (4 more units)',
    );
    expect(nextTierText({ nextTier: tier, unitsToNextTier: 1 }, 'en-US')).toEqual(
      '€6.50 from 10 units (1 more unit)',
    );
    expect(nextTierText({ nextTier: null, unitsToNextTier: null }, 'en-US')).toEqual(
      'The lowest price is reached',
    );
  });

  it('counts down to the deadline, with days once it is a day or more away', () => {
    const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
    expect(timeLeftText(at(3 * 86_400 + 4 * 3600 + 5 * 60 + 6), NOW)).toEqual('3 d 04:05:06');
    expect(timeLeftText(at(59), NOW)).toEqual('00:00:59');
    expect(timeLeftText(at(0), NOW)).toEqual('Ended');
    expect(timeLeftText(at(-60), NOW)).toEqual('Ended');
  });

  it('offers joining only while the pool is open or tipped and before its deadline', () => {
    const later = new Date(NOW + 60_000).toISOString();
    const earlier = new Date(NOW - 1).toISOString();
    expect(isJoinable({ status: 'OPEN', deadline: later }, NOW)).toBe(true);
    expect(isJoinable({ status: 'TIPPED', deadline: later }, NOW)).toBe(true);
    expect(isJoinable({ status: 'SOLD_OUT', deadline: later }, NOW)).toBe(false);
    expect(isJoinable({ status: 'CANCELLED', deadline: later }, NOW)).toBe(false);
    expect(isJoinable({ status: 'OPEN', deadline: earlier }, NOW)).toBe(false);
  });

  it('says what each status means, and counts people', () => {
    expect(statusText('SUCCEEDED')).toEqual('Succeeded: orders are placed');
    expect([participantsText(0), participantsText(1), participantsText(2)]).toEqual([
      '0 people',
      '1 person',
      '2 people',
    ]);
  });
});
