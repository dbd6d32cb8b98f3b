'use strict';
/*
 * Preloaded into the service by bench:face (node -r): measures the event loop's delay, and on
 * SIGUSR2 writes the percentiles since the last signal to LOOP_DELAY_FILE and starts again.
 */
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  writeFileSync(
    process.env.LOOP_DELAY_FILE,
    JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count }),
  );
  histogram.reset();
});
