/**
 * Words for the service's problem codes where the service's own message is not enough for
 * the screen; any other code shows the service's message.
 */
export const problems = {
  'problem.COMMON.DATABASE_UNAVAILABLE': 'The database cannot be reached just now. Try again in a minute.',
  'problem.AUTH.INVALID_CREDENTIALS': 'The e-mail or password is not right.',
  'problem.AUTH.PASSWORD_BLANK': 'The password cannot be only spaces.',
  'problem.AUTH.PASSWORD_REPEATED': 'The password cannot be one character repeated.',
  'problem.AUTH.PASSWORD_SEQUENCE': 'The password cannot be a run of consecutive letters or digits.',
  'problem.AUTH.PASSWORD_CONTAINS_EMAIL': 'The password cannot contain your e-mail address or your name.',
  'problem.AUTH.PASSWORD_COMMON': 'This password is too common. Choose something less predictable.',
  'problem.AUTH.PASSWORD_GUESSABLE': 'This password is too easy to guess. Make it longer or less predictable.',
  'problem.COMMON.NOT_FOUND': 'Not found.',
} as const;
