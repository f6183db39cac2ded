import { ValidationOptions, registerDecorator, ValidationArguments } from 'class-validator';
import { isCalendarDate } from './dates.js';
import { isMoneyInput } from './money.js';

/** A decimal amount in pounds, at most 2 places, string or JSON number; `min` in pounds. */
export function IsMoney(opts: { min?: number; positive?: boolean } = {}, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMoney',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown) {
          if (!isMoneyInput(value)) return false;
          const n = Number(value);
          if (opts.positive && !(n > 0)) return false;
          return opts.min === undefined || n >= opts.min;
        },
        defaultMessage: () =>
          opts.positive
            ? 'must be a decimal amount in pounds greater than 0 with at most 2 places, e.g. "12500.00"'
            : 'must be a decimal amount in pounds with at most 2 places, e.g. "12500.00"',
      },
    });
}

/** A real calendar date written YYYY-MM-DD (2025-09-31 is refused). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => 'must be a real date written YYYY-MM-DD',
      },
    });
}

/** This date must be on or after the date in `otherProperty` (when both are present). */
export function IsOnOrAfter(otherProperty: string, label: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOnOrAfter',
      target: object.constructor,
      propertyName,
      constraints: [otherProperty],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          if (!isCalendarDate(value) || !isCalendarDate(other)) return true;
          return value >= other;
        },
        defaultMessage: () => `must be on or after the ${label}`,
      },
    });
}
