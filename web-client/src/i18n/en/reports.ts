/** The service lead's reports: figures about many young people, never one. */
export const reports = {
  title: 'How the service is doing',
  intro:
    'Figures about the young people your service supports, from what they choose to share and what workers record. You never see one young person here.',
  from: 'From (month)',
  to: 'To (month)',
  who: 'Who',
  everyone: 'Everyone in the service',
  group: (name: string) => `Group: ${name}`,
  school: (name: string) => `School: ${name}`,
  show: 'Show the report',
  loading: 'Making the report…',
  hiddenTitle: 'Why some numbers say “fewer than 5”',
  hiddenBody:
    'A number about fewer than 5 young people could point to one of them, so it is hidden. Some other numbers are hidden too, where taking one number from another would give a hidden one away. For a group or school, a number is also hidden when the rest of the service is fewer than 5.',
  hiddenCell: 'fewer than 5',
  hiddenExplained: 'Hidden to protect young people’s privacy.',
  download: (title: string) => `Download “${title}” as CSV`,
  downloaded: 'Saved as a CSV file.',
  failed: 'Could not make the report.',
};
