import { CredentialsRejectedError } from '../common/errors/domain-errors';
import { AuthConfig } from '../config/auth.config';
import { TestClock } from '../../test/support/test-clock';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const config = Object.assign(new AuthConfig(), { loginMaxFailures: 3, loginLockoutSeconds: 60 });

  it('locks a name after the allowed failures, for the lockout window only', () => {
    const clock = new TestClock();
    const throttle = new LoginThrottle(config, clock);
    for (let i = 0; i < 3; i++) {
      throttle.assertAllowed('admin');
      throttle.recordFailure('admin');
    }
    expect(() => throttle.assertAllowed('admin')).toThrow(CredentialsRejectedError);
    expect(() => throttle.assertAllowed('someone-else')).not.toThrow();
    clock.advance(60_000);
    expect(() => throttle.assertAllowed('admin')).not.toThrow();
  });

  it('forgets failures after a success', () => {
    const throttle = new LoginThrottle(config, new TestClock());
    throttle.recordFailure('admin');
    throttle.recordFailure('admin');
    throttle.reset('admin');
    throttle.recordFailure('admin');
    expect(() => throttle.assertAllowed('admin')).not.toThrow();
  });
});
