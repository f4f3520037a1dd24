// The widget's entry module, served at /inflow/inflow.js: defines Inflow's custom elements.
import {InflowComments} from './comments.js';

if (!customElements.get('inflow-comments')) customElements.define('inflow-comments', InflowComments);
