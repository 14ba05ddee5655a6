"""The research figures, module by module (`oogst.research.aggregates` puts them together).

- `cells`: what every figure shares: the `Cell`, the bins and their edges;
- `shapes`: the shape of the figures, as typed dicts (with cells, or finished);
- `conditions`: query expressions that the raw counts and the summary rows both use;
- `scores`: per engagement, from the raw tables: GAS T-scores and ROI percentages;
- `histograms`: the GAS, attribution and ROI cells from scores or counts;
- `raw_register`, `raw_measures`: the figures counted from the raw tables (the
  definitions);
- `rows`: one summary row per engagement, with those same definitions;
- `summed`: the figures added up from the summary rows;
- `tree`: the figures put together, suppressed and turned into shares;
- `included`: the included engagements, derived once per call.

Nothing here imports `oogst.research.summary` or `oogst.research.aggregates`: both import
from here.
"""
