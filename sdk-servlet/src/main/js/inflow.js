// The widget's entry module, served at /inflow/inflow.js: every Inflow element. Each element module
// defines its own custom element, so a page may also load one alone (/inflow/comments.js); the
// server and the production build treat the modules imported here as the elements.
import './comments.js';
import './feed.js';
import './notifications.js';
import './ask.js';
