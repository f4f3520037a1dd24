// The widget's entry module, served at /inflow/inflow.js: defines Inflow's custom elements.
import {InflowComments} from './comments.js';
import {InflowFeed} from './feed.js';

if (!customElements.get('inflow-comments')) customElements.define('inflow-comments', InflowComments);
if (!customElements.get('inflow-feed')) customElements.define('inflow-feed', InflowFeed);
