// The progress sections both the young person and the worker see, drawn the
// same way from the core's numbers.
import './progress.css';

export { FeelingsSection } from './FeelingsSection';
export { GoalLine, GoalsSection } from './GoalsSection';
export { HelpsSection, PatternsSection } from './HelpsSection';
export { MoodSection } from './MoodSection';
export { WheelSection, wheelDefinition, WHEEL_ID } from './WheelSection';
export { number } from './format';
