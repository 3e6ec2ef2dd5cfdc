/** The daily check-in reminder. `time` is already written for this language. */
export const reminders = {
  title: 'Daily check-in reminder',
  on: (time: string) => `On: a gentle reminder at ${time} each day.`,
  off: 'Off. If you like, Lantern can send one gentle reminder a day. Nothing else is kept about you.',
  time: 'Time',
  atNight: 'I really want it between 9pm and 7am',
  changeTime: 'Change time',
  stop: 'Stop reminders',
  remindMe: 'Remind me',
  unsupported: 'This browser can’t show reminders.',
  needsNotifications: 'Reminders need notifications. You can allow them in the browser’s settings for this site.',
  turnedOn: (time: string) => `Done. Lantern will remind you at ${time} each day.`,
  changed: (time: string) => `Changed. Lantern will remind you at ${time} each day.`,
  stopped: 'Reminder stopped.',
  failed: 'That didn’t work. Check your connection and try again.',
};
