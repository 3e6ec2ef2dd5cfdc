/** Notifications on this device and quiet hours (young people and parents). */
export const notifications = {
  title: 'Notifications',
  /** What this device does with notifications now. */
  push: {
    on: 'Notifications are on for this device.',
    off: 'Notifications are off for this device. Everything still waits for you in Lantern.',
    blocked:
      'This browser has blocked notifications from Lantern. You can allow them in the browser’s settings for this site.',
    unsupported: 'This browser can’t show notifications. Everything still waits for you in Lantern.',
  },
  turnOff: 'Turn notifications off',
  turnOn: 'Turn notifications on',
  keepQuietHours: 'Keep quiet hours (nothing buzzes then; it waits until they end)',
  from: 'From',
  until: 'Until',
  timeZone: (zone: string) => `Times are in your time zone: ${zone}.`,
  saveQuietHours: 'Save quiet hours',
  saved: 'Saved.',
  loadFailed: 'Could not load your settings. Check your connection.',
  failed: 'That didn’t work. Check your connection and try again.',
  quietHoursDiffer: 'Quiet hours need a start and an end that are different times.',
  saveFailed: 'Could not save. Check your connection and try again.',
};
