// Registers the cytoscape layout extensions once for every module that runs layouts (worker and page).
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';

cytoscape.use(dagre);
cytoscape.use(fcose);

export { cytoscape };
