/** The notices a user receives in the application (such as a monthly report due soon). */
export const notices = {
  'notices.link': 'Notices',
  'notices.unreadCount': ', {count} unread',
  'notices.title': 'Notices',
  'notices.intro': 'What the database tells you, such as a monthly report that is due soon. Unread notices come first.',
  'notices.none': 'You have no notices.',
  'notices.unread': 'Unread',
  'notices.readOn': 'Read {date}',
  'notices.received': 'received {date}',
  'notices.toSubmissions': 'Go to my submissions',
  'notices.markRead': 'Mark as read',
} as const;
