import { Field, InputType, ObjectType } from 'type-graphql';
import { userError, UserFacingError, UserErrorCode } from './errors/user-error';

/** Minor-unit digits for currencies that do not use two. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, BHD: 3, KWD: 3, JOD: 3 };

export function exponentOf(currency: string): number {
  return EXPONENTS[currency] ?? 2;
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
 * Parses a MoneyInput into integer minor units, or refuses it with a userError on `field`. Amounts must be
 * positive unless `allowZero`.
 */
export function parseMoney(
  input: MoneyInput,
  field: string | string[],
  { allowZero = false } = {},
): MinorAmount {
  const path = Array.isArray(field) ? field : [field];
  const currency = input.currencyCode.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new UserFacingError([
      userError(
        [...path, 'currencyCode'],
        UserErrorCode.Invalid,
        'Use a three-letter ISO 4217 currency code, such as EUR.',
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
  return { minor, currency };
}
