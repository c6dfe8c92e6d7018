// Types for the cytoscape layout extensions, which ship without their own declarations.
declare module 'cytoscape-dagre' {
  const extension: cytoscape.Ext;
  export default extension;
}
declare module 'cytoscape-fcose' {
  const extension: cytoscape.Ext;
  export default extension;
}
