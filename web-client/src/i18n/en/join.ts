/** Connecting with a worker by their invite code. */
export const join = {
  title: 'Connect with your worker',
  intro:
    'Your worker gave you a code. Connecting lets you choose things to share with them. Nothing is shared until you say so.',
  code: 'Your code',
  codeHint: 'It looks like ABCD-EFGH.',
  name: 'What should Lantern call you?',
  nameHint: 'A name you like. It doesn’t have to be your real name.',
  age: 'How old are you?',
  badCode: 'That code doesn’t work. It may be typed wrong, used already or too old. Check it with your worker.',
  offline: 'You need the internet to connect. Try again when you have signal.',
  failed: 'Something went wrong. Please try again.',
  beforeTitle: 'Before you connect',
  onlyShared: 'Your worker sees only what you choose to share. You can change that at any time.',
  answersGo:
    'One thing is different: if you answer “a little” or “yes” to the question about hurting yourself, your worker is told what you answered, so they can help. They don’t see your note or anything else unless you share it.',
  whoLooked: 'You can see who has looked at your things, and stop sharing, whenever you like.',
  connect: 'Connect',
  notNow: 'Not now',
};
