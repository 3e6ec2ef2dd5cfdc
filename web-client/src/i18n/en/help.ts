/** "Get help now", and what shows while the app starts. */
export const help = {
  button: 'Get help now',
  title: 'Help right now',
  intro: 'You don’t have to cope with this on your own. These people are kind and they want to help.',
  close: 'Close',
  mayShare:
    'If someone’s life is in danger, these services may share what you tell them with people who can keep you safe.',
  gettingReady: 'Getting Lantern ready…',
  couldNotStart: 'Lantern could not start',
  reload: 'Please reload the page. If you need help right now:',
  goOn: 'Go on to Lantern',
  loading: 'Loading…',
  pageFailed: 'This page could not load. Please check your connection and reload.',
};
