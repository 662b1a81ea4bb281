import { code as iso4217 } from 'currency-codes';
import { Field, InputType, ObjectType } from 'type-graphql';
import { userError, UserFacingError, UserErrorCode } from './errors/user-error';

/**
 * ISO 4217 entries that are no money one trades in: precious metals, bond market units, the SDR, the Sucre, the
 * ADB unit, the testing code and "no currency". ISO gives them no minor unit ("N.A."), which the currency-codes
 * package records as 0 digits, so they are named here.
 */
const NOT_MONEY = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/**
 * The largest amount in minor units that any money column holds (PostgreSQL `integer`): 21,474,836.47 EUR.
 * Larger inputs are refused as OUT_OF_RANGE before they reach a column.
 */
export const MAX_MINOR = 2_147_483_647;

/**
 * Whether `code` is an ISO 4217 currency. The list is the `currency-codes` package's (ISO's own list, with each
 * currency's minor-unit digits), rather than `Intl.supportedValuesOf('currency')`: ICU's list also keeps codes
 * ISO has withdrawn (HRK, SLL) and its digits are display digits (0 for HUF, COP, IDR, where ISO says 2), while
 * amounts here are stored in ISO's minor units.
 */
export function isCurrency(code: string): boolean {
  return !NOT_MONEY.has(code) && iso4217(code) !== undefined;
}

/** The minor-unit digits of a currency, as ISO 4217 gives them (2 for a code it does not know). */
export function exponentOf(currency: string): number {
  return iso4217(currency)?.digits ?? 2;
}

@ObjectType({
  description: 'An amount of money in a currency. Stored as integer minor units, so it never rounds.',
})
export class Money {
  @Field({ description: 'The amount as a decimal string, e.g. "12.50".' })
  amount: string;

  @Field({ description: 'ISO 4217 currency code, e.g. "EUR".' })
  currencyCode: string;

  static of(minor: number, currencyCode: string): Money {
    return Object.assign(new Money(), { amount: formatMinor(minor, currencyCode), currencyCode });
  }
}

@InputType({ description: 'An amount of money: a decimal string and an ISO 4217 currency code.' })
export class MoneyInput {
  @Field({ description: 'Decimal amount such as "12.50", with no more decimals than the currency has.' })
  amount: string;

  @Field({ description: 'ISO 4217 currency code such as "EUR".' })
  currencyCode: string;
}

export function formatMinor(minor: number, currency: string): string {
  const exp = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor)
    .toString()
    .padStart(exp + 1, '0');
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

export interface MinorAmount {
  minor: number;
  currency: string;
}

/**
 * Parses a MoneyInput into integer minor units, or refuses it with a userError on `field`: INVALID for a code
 * that is not an ISO 4217 currency or an amount that is no decimal of the currency's digits, OUT_OF_RANGE for
 * an amount that is zero (unless `allowZero`) or above what a money column holds (MAX_MINOR).
 */
export function parseMoney(
  input: MoneyInput,
  field: string | string[],
  { allowZero = false } = {},
): MinorAmount {
  const path = Array.isArray(field) ? field : [field];
  const currency = input.currencyCode.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency) || !isCurrency(currency)) {
    throw new UserFacingError([
      userError(
        [...path, 'currencyCode'],
        UserErrorCode.Invalid,
        'Use an ISO 4217 currency code, such as EUR.',
      ),
    ]);
  }
  const exp = exponentOf(currency);
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(input.amount.trim());
  if (!match || (match[2] ?? '').length > exp) {
    const example = exp === 0 ? '"1200"' : '"12.50"';
    throw new UserFacingError([
      userError(
        [...path, 'amount'],
        UserErrorCode.Invalid,
        `Write the amount as a decimal such as ${example}, with at most ${exp} decimals.`,
      ),
    ]);
  }
  const minor = Number(match[1]) * 10 ** exp + Number((match[2] ?? '').padEnd(exp, '0') || 0);
  if (minor === 0 && !allowZero) {
    throw new UserFacingError([
      userError([...path, 'amount'], UserErrorCode.OutOfRange, 'The amount must be more than zero.'),
    ]);
  }
  if (minor > MAX_MINOR) {
    throw new UserFacingError([
      userError(
        [...path, 'amount'],
        UserErrorCode.OutOfRange,
        `The amount can be at most ${formatMinor(MAX_MINOR, currency)} ${currency}.`,
      ),
    ]);
  }
  return { minor, currency };
}
