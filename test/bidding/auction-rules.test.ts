import {
  bidRefusal,
  decrementInMinor,
  extendedDeadline,
  winsAtDeadline,
} from '../../src/bidding/auction-rules';

describe('auction rules', () => {
  describe('bidRefusal', () => {
    const standing = { bestMinor: 1000, ownLastMinor: null, currency: 'EUR' };

    it('takes any first bid', () => {
      expect(bidRefusal(99_999, { bestMinor: null, ownLastMinor: null, currency: 'EUR' }, 1)).toBeNull();
    });

    it('takes a bid that beats the best by exactly the decrement, and refuses one that beats it by less', () => {
      expect(bidRefusal(995, standing, 5)).toBeNull();
      expect(bidRefusal(996, standing, 5)).toBe('The best bid is 10.00 EUR; bid at most 9.95 EUR.');
      expect(bidRefusal(1000, standing, 1)).toBe('The best bid is 10.00 EUR; bid at most 9.99 EUR.');
    });

    it('says so first when a merchant would raise its own bid', () => {
      expect(bidRefusal(1200, { ...standing, ownLastMinor: 1100 }, 1)).toBe(
        'Your merchant already bid 11.00 EUR; a bid can only go down.',
      );
      expect(bidRefusal(1050, { ...standing, ownLastMinor: 1100 }, 1)).toBe(
        'The best bid is 10.00 EUR; bid at most 9.99 EUR.',
      );
    });
  });

  describe('decrementInMinor', () => {
    it('reads the decimal setting in minor units of the currency, at least one', () => {
      expect(decrementInMinor('0.01', 'EUR')).toBe(1);
      expect(decrementInMinor('0.5', 'EUR')).toBe(50);
      expect(decrementInMinor('2', 'EUR')).toBe(200);
      expect(decrementInMinor('0', 'EUR')).toBe(1);
      expect(decrementInMinor('0.01', 'JPY')).toBe(1);
      expect(decrementInMinor('5', 'JPY')).toBe(5);
      expect(decrementInMinor('0.25', 'KWD')).toBe(250);
    });
  });

  describe('extendedDeadline', () => {
    const deadline = new Date('2030-01-01T12:00:00.000Z');
    const before = (seconds: number) => new Date(deadline.getTime() - seconds * 1000);

    it('moves the deadline to the bid plus the extension for a bid inside the window', () => {
      expect(extendedDeadline(deadline, before(30), 120, 120)).toEqual(new Date('2030-01-01T12:01:30.000Z'));
      expect(extendedDeadline(deadline, before(120), 120, 180)).toEqual(new Date('2030-01-01T12:01:00.000Z'));
    });

    it('leaves it alone for a bid before the window, or when the extension would end sooner', () => {
      expect(extendedDeadline(deadline, before(121), 120, 120)).toBe(deadline);
      expect(extendedDeadline(deadline, before(60), 120, 30)).toBe(deadline);
      expect(extendedDeadline(deadline, before(0.5), 0, 120)).toBe(deadline);
    });
  });

  describe('winsAtDeadline', () => {
    it('lets the best bid win when it is at or under the maximum, or there is none', () => {
      expect(winsAtDeadline(500, 500)).toBe(true);
      expect(winsAtDeadline(500, null)).toBe(true);
      expect(winsAtDeadline(501, 500)).toBe(false);
      expect(winsAtDeadline(null, 500)).toBe(false);
    });
  });
});
