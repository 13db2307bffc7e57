/** Signing in and out, and changing one's password. */
export const session = {
  'signIn.title': 'Sign in',
  'signIn.intro': 'Use the account your administrator gave you.',
  'signIn.email': 'E-mail',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.expired': 'Your session has ended. Sign in again to continue where you were.',
  'signIn.signedOut': 'You have signed out.',
  'signIn.invalid': 'The e-mail or password is not right.',
  'signIn.throttled': 'Too many attempts. Wait {seconds} seconds and try again.',
  'password.title': 'Set your own password',
  'password.intro': 'You signed in with a one-time password. Choose your own to continue.',
  'password.introVoluntary': 'Choose a new password.',
  'password.current': 'Current (one-time) password',
  'password.new': 'New password',
  'password.confirm': 'New password again',
  'password.rules':
    'At least 12 characters. A phrase of several words is easiest to remember. Not a common password, not your e-mail address.',
  'password.mismatch': 'The two new passwords are not the same.',
  'password.submit': 'Set password',
  'password.changed': 'Your password is changed.',
} as const;
