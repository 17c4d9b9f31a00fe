/** Plotly's official partial bundles: the same API as the full one, fewer trace types. */
declare module 'plotly.js-cartesian-dist-min' {
  import * as Plotly from 'plotly.js-dist-min';
  export = Plotly;
}

declare module 'plotly.js-basic-dist-min' {
  import * as Plotly from 'plotly.js-dist-min';
  export = Plotly;
}
