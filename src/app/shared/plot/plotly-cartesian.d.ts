/** Plotly's official cartesian partial bundle: the same API as the full one, fewer trace types. */
declare module 'plotly.js-cartesian-dist-min' {
  import * as Plotly from 'plotly.js-dist-min';
  export = Plotly;
}
