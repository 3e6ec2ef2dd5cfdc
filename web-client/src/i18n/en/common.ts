/** Words used across the app. */
export const common = {
  appName: 'Lantern',
  back: 'Back',
  backHome: 'Back to home',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  getHelpNow: 'Get help now',
};
