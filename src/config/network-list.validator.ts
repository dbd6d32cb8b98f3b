import { ValidatorConstraint, ValidatorConstraintInterface, ValidationArguments } from 'class-validator';
import { NetworkList } from '../common/network/network-list';

/** A comma-separated list of addresses and CIDR ranges (may be empty). */
@ValidatorConstraint({ name: 'networkList' })
export class IsNetworkList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && NetworkList.parse(value) instanceof NetworkList;
  }

  defaultMessage(args: ValidationArguments): string {
    const parsed = typeof args.value === 'string' ? NetworkList.parse(args.value) : { invalid: [String(args.value)] };
    const invalid = parsed instanceof NetworkList ? [] : parsed.invalid;
    return `must be a comma-separated list of addresses and CIDR ranges such as 10.0.0.0/8, 192.168.1.20 (not: ${invalid.join(', ')})`;
  }
}
