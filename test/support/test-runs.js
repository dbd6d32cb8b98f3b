'use strict';

/**
 * Test runs name what they leave on shared servers `facegate_test_<run>_<pid>_<random>` (PostgreSQL
 * databases, Redis key prefixes), where <run> is the pid of the jest (or bench) process that started
 * the run: a run drops its own at the end, and those of runs whose process is gone at the start.
 */
const PREFIX = 'facegate_test_';

/** The run a scratch name belongs to. */
const runOf = (name) => Number(name.slice(PREFIX.length).split('_')[0]);

/** Whether the run's process still lives. */
function alive(run) {
  try {
    process.kill(run, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

module.exports = { PREFIX, runOf, alive };
