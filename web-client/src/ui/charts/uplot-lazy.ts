// uPlot with its styles, as one lazily loaded chunk. (A separate dynamic
// import of the CSS would leave an empty script chunk behind that the
// service worker's precache list still names, and its install would fail.)
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
